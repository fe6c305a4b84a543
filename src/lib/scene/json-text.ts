// Locates a JSON syntax error. Engines word (and position) JSON.parse errors differently, and some give no
// position at all, so the failing text is re-scanned here to report the same line/column everywhere.

export interface JsonSyntaxError {
  /** 0-based offset in UTF-16 code units. */
  offset: number;
  /** 1-based */
  line: number;
  column: number;
  message: string;
}

const WS = new Set([' ', '\t', '\n', '\r']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;

function position(text: string, offset: number, message: string): JsonSyntaxError {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { offset, line, column: offset - lineStart + 1, message };
}

function describe(text: string, i: number): string {
  return i >= text.length ? 'end of input' : `${JSON.stringify(text[i])}`;
}

/** Scans a string literal starting at the opening quote; returns the index after it or an error. */
function scanString(text: string, start: number): number | { at: number; message: string } {
  let i = start + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c === 0x5c) {
      ESCAPE.lastIndex = i;
      if (!ESCAPE.test(text)) return { at: i, message: 'invalid escape in string' };
      i = ESCAPE.lastIndex;
      continue;
    }
    if (c < 0x20) return { at: i, message: 'unescaped control character in string' };
    i++;
  }
  return { at: text.length, message: 'unterminated string' };
}

type Expect = 'value' | 'valueOrEnd' | 'key' | 'keyOrEnd' | 'colon' | 'commaOrEnd';

/** The first syntax error in `text`, or undefined if it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  const containers: ('{' | '[')[] = [];
  let expect = 'value' as Expect; // `as`: closeValue() reassigns it, which control flow can't see
  let done = false;
  let i = 0;
  const fail = (at: number, message: string) => position(text, at, message);
  for (;;) {
    while (i < text.length && WS.has(text[i])) i++;
    if (done) return i < text.length ? fail(i, `unexpected ${describe(text, i)} after the JSON value`) : undefined;
    if (i >= text.length) return fail(i, 'unexpected end of input');
    const c = text[i];
    const top = containers[containers.length - 1];
    const closeValue = () => {
      if (containers.length === 0) done = true;
      else expect = 'commaOrEnd';
    };
    switch (expect) {
      case 'colon':
        if (c !== ':') return fail(i, `expected ':' after a property name, got ${describe(text, i)}`);
        i++;
        expect = 'value';
        continue;
      case 'commaOrEnd':
        if (c === ',') {
          i++;
          expect = top === '{' ? 'key' : 'value';
        } else if ((c === '}' && top === '{') || (c === ']' && top === '[')) {
          i++;
          containers.pop();
          closeValue();
        } else return fail(i, `expected ',' or '${top === '{' ? '}' : ']'}', got ${describe(text, i)}`);
        continue;
      case 'key':
      case 'keyOrEnd': {
        if (c === '}' && expect === 'keyOrEnd') {
          i++;
          containers.pop();
          closeValue();
          continue;
        }
        if (c !== '"') {
          return fail(i, `expected a property name in double quotes${expect === 'keyOrEnd' ? " or '}'" : ''}, got ${describe(text, i)}`);
        }
        const end = scanString(text, i);
        if (typeof end !== 'number') return fail(end.at, end.message);
        i = end;
        expect = 'colon';
        continue;
      }
      case 'value':
      case 'valueOrEnd': {
        if (c === ']' && expect === 'valueOrEnd') {
          i++;
          containers.pop();
          closeValue();
          continue;
        }
        if (c === '{' || c === '[') {
          containers.push(c);
          i++;
          expect = c === '{' ? 'keyOrEnd' : 'valueOrEnd';
          continue;
        }
        if (c === '"') {
          const end = scanString(text, i);
          if (typeof end !== 'number') return fail(end.at, end.message);
          i = end;
        } else if (text.startsWith('true', i)) i += 4;
        else if (text.startsWith('false', i)) i += 5;
        else if (text.startsWith('null', i)) i += 4;
        else {
          NUMBER.lastIndex = i;
          if (!NUMBER.test(text)) return fail(i, `expected a value, got ${describe(text, i)}`);
          i = NUMBER.lastIndex;
        }
        closeValue();
        continue;
      }
    }
  }
}

export type JsonParseResult = { ok: true; value: unknown } | { ok: false; error: JsonSyntaxError };

/** JSON.parse with a located, engine-independent error. */
export function parseJson(text: string): JsonParseResult {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const located = findJsonSyntaxError(text);
    return { ok: false, error: located ?? position(text, 0, error instanceof Error ? error.message : String(error)) };
  }
}
