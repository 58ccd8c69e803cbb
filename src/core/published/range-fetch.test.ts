import { describe, expect, it } from 'vitest';
import { checkRangeResponse } from './range-fetch';

describe('checkRangeResponse', () => {
  const url = 'https://data.example.org/d/part-short-0000.parquet';
  it('accepts the asked-for range (Content-Range hidden by CORS is fine)', () => {
    expect(checkRangeResponse(url, 206, 'bytes 10-19/100', 10, 20)).toBeNull();
    expect(checkRangeResponse(url, 206, null, 10, 20)).toBeNull();
  });
  it('says clearly that a server without range support cannot serve a published dataset', () => {
    expect(checkRangeResponse(url, 200, null, 10, 20)).toMatch(
      /https:\/\/data\.example\.org does not answer range requests .*part-short-0000\.parquet with HTTP 200.*Accept-Ranges: bytes.*docs\/hosting\.md/,
    );
    expect(checkRangeResponse(url, 416, null, 10, 20)).toMatch(/HTTP 416/);
    expect(checkRangeResponse(url, 404, null, 10, 20)).toMatch(/HTTP 404/);
    expect(checkRangeResponse(url, 206, 'bytes 0-99/100', 10, 20)).toMatch(/answered a request for bytes 10–19/);
  });
});
