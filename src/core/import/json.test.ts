// JSON error messages: where (line, column) and why, for truncated and invalid text; deep nesting is safe.
import { describe, expect, it } from 'vitest';
import { describeJsonError, parseJson } from './json';

describe('describeJsonError', () => {
  it.each([
    ['{"a": 1', 'Truncated JSON: the file ends before the closing } (line 1, column 8)'],
    ['[1, 2', 'Truncated JSON: the file ends before the closing ] (line 1, column 6)'],
    ['{"a": "b', 'Truncated JSON: the file ends inside a string (line 1, column 9)'],
    ['{"a": tr', 'Truncated JSON: the file ends inside the word true (line 1, column 9)'],
    ['{"a":\n', 'Truncated JSON: the file ends before the closing } (line 2, column 1)'],
    ['{"a": 1,}', 'Invalid JSON at line 1, column 9: a trailing comma before }'],
    ['{"a" 1}', 'Invalid JSON at line 1, column 6: expected \':\' after a property name, got "1"'],
    ['{"a": 1 "b": 2}', "Invalid JSON at line 1, column 9: expected ',' or '}', got \"\\\"\""],
    [
      '{"a": "x\ny"}',
      'Invalid JSON at line 1, column 9: a raw control character (e.g. a line break) inside a string; write it as \\n',
    ],
    ['{"a": "\\x"}', 'Invalid JSON at line 1, column 8: invalid escape \\x in a string'],
    ['{"a": 01}', "Invalid JSON at line 1, column 8: expected ',' or '}', got \"1\""],
    ['{"a": -Infinity}', 'Invalid JSON at line 1, column 7: -Infinity is not valid JSON (use null or a number)'],
    ['{"a": undefined}', 'Invalid JSON at line 1, column 7: unexpected character "u" where a value was expected'],
  ])('%j', (text, message) => {
    expect(describeJsonError(text)).toBe(message);
  });
  it('finds no error in valid JSON, at any depth', () => {
    expect(describeJsonError('{"a": [1, -2.5e3, "x\\u00e9", true, false, null, {}]}')).toBeNull();
    expect(describeJsonError(`${'['.repeat(500)}${']'.repeat(500)}`)).toBeNull();
  });
  it('stops at 1000 levels with a message instead of overflowing', () => {
    expect(describeJsonError(`${'['.repeat(100_000)}`)).toBe(
      'The JSON is nested more than 1000 levels deep (line 1, column 1001); GeoJSON needs at most 4 for coordinates',
    );
  });
});

describe('parseJson', () => {
  it('skips a BOM and gives the scanner message on failure', () => {
    expect(parseJson('\ufeff{"a": 1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseJson('{"a": NaN}')).toEqual({
      ok: false,
      message: 'Invalid JSON at line 1, column 7: NaN is not valid JSON (use null or a number)',
    });
  });
});
