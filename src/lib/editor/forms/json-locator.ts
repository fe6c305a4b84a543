// Finds where a value lives in JSON text, so the JSON view can show a schema issue (`objects[2].radius`) at its
// line. Walks only along the path, skipping other values, so locating is linear in the text at worst.
import type { JsonPath } from '../document.ts';

export interface TextLocation {
  /** 0-based offset of the key (object member) or value (array element). */
  offset: number;
  /** 1-based */
  line: number;
  column: number;
  /** False when the path does not exist: the location is then that of its deepest existing ancestor. */
  exact: boolean;
}

/** `objects[2].radius` / `a["odd key"][0]` → ['objects', 2, 'radius'] / ['a', 'odd key', 0]. */
export function parseIssuePath(path: string): JsonPath {
  const out: (string | number)[] = [];
  const re = /\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|\.?([^.[\]]+)/gy;
  let match: RegExpExecArray | null;
  while (re.lastIndex < path.length && (match = re.exec(path)) !== null) {
    if (match[1] !== undefined) out.push(Number(match[1]));
    else if (match[2] !== undefined) out.push(JSON.parse(match[2]) as string);
    else out.push(match[3]);
  }
  return out;
}

class Scanner {
  i = 0;
  constructor(readonly text: string) {}
  ws(): void {
    while (this.i < this.text.length && ' \t\n\r'.includes(this.text[this.i])) this.i++;
  }
  /** Reads a string literal at i and returns its value. */
  string(): string {
    const start = this.i;
    this.i++;
    while (this.i < this.text.length && this.text[this.i] !== '"') this.i += this.text[this.i] === '\\' ? 2 : 1;
    this.i++;
    return JSON.parse(this.text.slice(start, this.i)) as string;
  }
  /** Skips any value at i. */
  skip(): void {
    const c = this.text[this.i];
    if (c === '"') {
      this.string();
      return;
    }
    if (c !== '{' && c !== '[') {
      while (this.i < this.text.length && !',]} \t\n\r'.includes(this.text[this.i])) this.i++;
      return;
    }
    let depth = 0;
    while (this.i < this.text.length) {
      const d = this.text[this.i];
      if (d === '"') {
        this.string();
        continue;
      }
      if (d === '{' || d === '[') depth++;
      else if (d === '}' || d === ']') depth--;
      this.i++;
      if (depth === 0) return;
    }
  }
  /** Moves to the member `key` of the object at i; returns the offset of its key, or undefined. */
  member(key: string): number | undefined {
    this.i++; // {
    for (;;) {
      this.ws();
      if (this.text[this.i] !== '"') return undefined;
      const at = this.i;
      const name = this.string();
      this.ws();
      this.i++; // :
      this.ws();
      if (name === key) return at;
      this.skip();
      this.ws();
      if (this.text[this.i] !== ',') return undefined;
      this.i++;
    }
  }
  /** Moves to element `index` of the array at i; returns its offset, or undefined. */
  element(index: number): number | undefined {
    this.i++; // [
    for (let n = 0; ; n++) {
      this.ws();
      if (this.text[this.i] === ']') return undefined;
      if (n === index) return this.i;
      this.skip();
      this.ws();
      if (this.text[this.i] !== ',') return undefined;
      this.i++;
    }
  }
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Where `path` is in valid JSON `text` (its key for object members); the root is at the first value. */
export function locateJsonPath(text: string, path: JsonPath): TextLocation {
  const s = new Scanner(text);
  s.ws();
  let found = s.i;
  let exact = true;
  for (const key of path) {
    const c = text[s.i];
    const at = typeof key === 'number' ? (c === '[' ? s.element(key) : undefined) : c === '{' ? s.member(key) : undefined;
    if (at === undefined) {
      exact = false;
      break;
    }
    found = at;
    s.ws();
  }
  return { offset: found, ...lineColumn(text, found), exact };
}
