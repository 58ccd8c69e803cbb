// JSON.parse with engine-independent messages: an iterative scanner finds where and why the text is not JSON.
import { MAX_JSON_DEPTH } from '../schema/limits';

export type JsonParse = { ok: true; value: unknown } | { ok: false; message: string };

/** Parses JSON text (a leading BOM is skipped); on failure the message says where (line, column) and why. */
export function parseJson(text: string): JsonParse {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (e) {
    return {
      ok: false,
      message: describeJsonError(body) ?? `Invalid JSON: ${e instanceof Error ? e.message : String(e)}`,
    };
  }
}

/** Line and column (1-based) of a position in the text. */
export function lineColumn(text: string, pos: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < pos; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: pos - lineStart + 1 };
}

const WS = new Set([32, 9, 10, 13]);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** Why the text is not valid JSON, or null if it is. Iterative: any nesting depth is safe. */
export function describeJsonError(text: string): string | null {
  const n = text.length;
  const stack: number[] = []; // 123 '{' or 91 '['
  let i = 0;
  const at = (pos: number, why: string): string => {
    const { line, column } = lineColumn(text, pos);
    return `Invalid JSON at line ${line}, column ${column}: ${why}`;
  };
  const truncated = (why: string): string => {
    const { line, column } = lineColumn(text, n);
    return `Truncated JSON: the file ends ${why} (line ${line}, column ${column})`;
  };
  const closer = (): string => (stack[stack.length - 1] === 123 ? '}' : ']');
  const skipWs = (): void => {
    while (i < n && WS.has(text.charCodeAt(i))) i++;
  };
  const charAt = (pos: number): string => JSON.stringify(text.slice(pos, pos + 1));
  // Scans a string starting at the opening quote; returns an error message or null.
  const scanString = (): string | null => {
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return null;
      }
      if (c === 92) {
        const e = text[i + 1];
        if (e === undefined) break;
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6)))
            return i + 6 > n ? null : at(i, 'invalid \\u escape in a string');
          i += 6;
        } else if ('"\\/bfnrt'.includes(e)) i += 2;
        else return at(i, `invalid escape \\${e} in a string`);
        continue;
      }
      if (c < 32) return at(i, 'a raw control character (e.g. a line break) inside a string; write it as \\n');
      i++;
    }
    return truncated('inside a string');
  };
  let expect: 'value' | 'key' | 'after' = 'value';
  for (;;) {
    skipWs();
    if (expect === 'value') {
      if (i >= n)
        return stack.length === 0 && n === 0
          ? 'The file is empty.'
          : truncated(stack.length ? `before the closing ${closer()}` : 'where a value was expected');
      const c = text[i] ?? '';
      if (c === '{' || c === '[') {
        stack.push(c.charCodeAt(0));
        if (stack.length > MAX_JSON_DEPTH) {
          const { line, column } = lineColumn(text, i);
          return `The JSON is nested more than ${MAX_JSON_DEPTH} levels deep (line ${line}, column ${column}); GeoJSON needs at most 4 for coordinates`;
        }
        i++;
        skipWs();
        if (c === '{' && text[i] === '}') {
          stack.pop();
          i++;
          expect = 'after';
        } else if (c === '[' && text[i] === ']') {
          stack.pop();
          i++;
          expect = 'after';
        } else expect = c === '{' ? 'key' : 'value';
        continue;
      }
      if (c === '"') {
        const err = scanString();
        if (err) return err;
        expect = 'after';
        continue;
      }
      if (c === '-' || (c >= '0' && c <= '9')) {
        NUMBER.lastIndex = i;
        const m = NUMBER.exec(text);
        if (!m || m[0] === '-') {
          if (text.startsWith('-Infinity', i)) return at(i, '-Infinity is not valid JSON (use null or a number)');
          return i + 1 >= n ? truncated('inside a number') : at(i, 'invalid number');
        }
        i += m[0].length;
        expect = 'after';
        continue;
      }
      let literal = false;
      for (const word of ['true', 'false', 'null']) {
        if (text.startsWith(word, i)) {
          i += word.length;
          literal = true;
          break;
        }
        if (word.startsWith(text.slice(i, i + word.length)) && i + word.length > n)
          return truncated(`inside the word ${word}`);
      }
      if (literal) {
        expect = 'after';
        continue;
      }
      if (text.startsWith('NaN', i)) return at(i, 'NaN is not valid JSON (use null or a number)');
      if (text.startsWith('Infinity', i)) return at(i, 'Infinity is not valid JSON (use null or a number)');
      if (c === "'") return at(i, 'single quotes are not valid JSON; use double quotes');
      if ((c === ']' || c === '}') && stack.length) return at(i, `a trailing comma or missing value before ${c}`);
      return at(i, `unexpected character ${charAt(i)} where a value was expected`);
    }
    if (expect === 'key') {
      if (i >= n) return truncated(`before the closing ${closer()}`);
      if (text[i] === '}') return at(i, 'a trailing comma before }');
      if (text[i] !== '"') return at(i, `expected a property name in double quotes, got ${charAt(i)}`);
      const err = scanString();
      if (err) return err;
      skipWs();
      if (i >= n) return truncated(`before the closing ${closer()}`);
      if (text[i] !== ':') return at(i, `expected ':' after a property name, got ${charAt(i)}`);
      i++;
      expect = 'value';
      continue;
    }
    // after a value
    if (stack.length === 0) {
      if (i >= n) return null;
      return at(
        i,
        'more data after the end of the JSON value (newline-delimited GeoJSON, one feature per line, is not supported)',
      );
    }
    if (i >= n) return truncated(`before the closing ${closer()}`);
    const c = text[i];
    if (c === ',') {
      i++;
      expect = stack[stack.length - 1] === 123 ? 'key' : 'value';
      continue;
    }
    if ((c === '}' && stack[stack.length - 1] === 123) || (c === ']' && stack[stack.length - 1] === 91)) {
      stack.pop();
      i++;
      continue;
    }
    return at(i, `expected ',' or '${closer()}', got ${charAt(i)}`);
  }
}
