// Text that PostgreSQL cannot store: NUL (rejected in text and jsonb) and UTF-16 surrogates without their
// partner (a JSON escape like "\ud800" parses to one; jsonb rejects it, text would silently become U+FFFD).
// Shared by the body checks of the API and the name schemas (which the editor uses too).

const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const UNSTORABLE_TEXT_MESSAGE = 'must not contain NUL (\\u0000) or unpaired surrogate (\\ud800-\\udfff) characters';

export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}
