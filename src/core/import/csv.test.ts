// RFC 4180 tokeniser: quoting, line endings, BOM, delimiter detection, start lines.
import { describe, expect, it } from 'vitest';
import { detectDelimiter, parseCsv } from './csv';

describe('parseCsv', () => {
  it('reads quoted commas, doubled quotes and newlines, reporting the line each record starts on', () => {
    const r = parseCsv('a,b,c\n1,"x, y","say ""hi"""\n2,"multi\nline\r\nvalue",z\n3,,\n');
    expect(r.records.map((x) => [x.line, x.fields])).toEqual([
      [1, ['a', 'b', 'c']],
      [2, ['1', 'x, y', 'say "hi"']],
      [3, ['2', 'multi\nline\r\nvalue', 'z']],
      [6, ['3', '', '']],
    ]);
  });
  it('handles CRLF, CR, a BOM, no final newline and blank lines', () => {
    expect(parseCsv('\ufeffa,b\r\n1,2\r\n\r\n3,4').records.map((x) => [x.line, x.fields])).toEqual([
      [1, ['a', 'b']],
      [2, ['1', '2']],
      [4, ['3', '4']],
    ]);
    expect(parseCsv('a\r1\r2').records.map((x) => x.line)).toEqual([1, 2, 3]);
  });
  it('reports an unterminated quote and text after a closing quote', () => {
    expect(parseCsv('a,b\n1,"open\n2,3\n').records[1]?.problem).toContain('the quote opened on line 2 is never closed');
    expect(parseCsv('a,b\n"x"y,2\n').records[1]).toMatchObject({
      fields: ['xy', '2'],
      problem: expect.stringContaining('text after the closing quote'),
    });
  });
  it('keeps a stray quote in an unquoted field, with a warning', () => {
    expect(parseCsv('a,b\n5" gun,2\n').records[1]).toMatchObject({
      fields: ['5" gun', '2'],
      warnings: ['field 1 contains a quote but is not quoted (kept as it is)'],
    });
  });
  it('reads a trailing delimiter as an empty last field', () => {
    expect(parseCsv('a,b,\n').records[0]?.fields).toEqual(['a', 'b', '']);
  });
  it('reads a 10-million-character field quickly', () => {
    const big = 'x'.repeat(10_000_000);
    const t = Date.now();
    const r = parseCsv(`a,b\n"${big}",1\n${big},2\n`);
    expect(r.records[1]?.fields[0]?.length).toBe(10_000_000);
    expect(r.records[2]?.fields[0]?.length).toBe(10_000_000);
    expect(Date.now() - t).toBeLessThan(3000);
  });
});

describe('detectDelimiter', () => {
  it('picks comma, semicolon or tab from the header, ignoring quoted ones', () => {
    expect(detectDelimiter('a,b;c,d\n')).toBe(',');
    expect(detectDelimiter('a;b;"c,d,e,f"\n')).toBe(';');
    expect(detectDelimiter('a\tb\tc\n1,2\t3\n')).toBe('\t');
    expect(detectDelimiter('single\n')).toBe(',');
  });
});
