import { describe, expect, it } from 'vitest';
import { fileSlug, toCsv } from './csv.ts';

describe('toCsv', () => {
  it('quotes commas, quotes and line breaks, and ends lines with CRLF', () => {
    expect(
      toCsv([
        ['Phrase', 'Mentions'],
        ['price, cost', 3],
        ['say "hi"', 1],
        ['two\nlines', 0],
        [null, undefined],
      ]),
    ).toBe('Phrase,Mentions\r\n"price, cost",3\r\n"say ""hi""",1\r\n"two\nlines",0\r\n,\r\n');
  });

  it('defuses text that a spreadsheet would run as a formula, but leaves numbers alone', () => {
    expect(toCsv([['=HYPERLINK("x")', '+1', '-cmd', '@SUM(A1)', '\tx', 'ok', -3]])).toBe(
      `"'=HYPERLINK(""x"")",'+1,'-cmd,'@SUM(A1),'\tx,ok,-3\r\n`,
    );
  });
});

describe('fileSlug', () => {
  it('makes a portable file name from a report name', () => {
    expect(fileSlug('Q4 competitors / EMEA')).toBe('q4-competitors-emea');
    expect(fileSlug('Café déjà vu')).toBe('cafe-deja-vu');
    expect(fileSlug('!!!')).toBe('report');
  });
});
