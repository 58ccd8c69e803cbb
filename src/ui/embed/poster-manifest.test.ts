// Tests the poster lookup by view, the <picture> sources and the map box height the posters are drawn at.
import { describe, expect, it } from 'vitest';
import {
  canonicalHash,
  customPosterKey,
  mapBoxHeight,
  pictureSources,
  posterFile,
  posterFor,
  POSTER_KEY_PATTERN,
  type PosterView,
} from './poster-manifest';

const views: PosterView[] = [
  { key: 'default', hash: '', settled: '#t=2024-10-27..2024-11-25&mode=window&view=49,32,4.6', files: {} },
  { key: 'story-3', hash: '#story=1&step=3', settled: '#t=2024-11-01..2024-11-02&story=1&step=3', files: {} },
];

describe('posters', () => {
  it('finds the view by the hash it was made from or by the state it settled to, in any order of parts', () => {
    expect(posterFor({ views }, '')?.key).toBe('default');
    expect(posterFor({ views }, '#')?.key).toBe('default');
    expect(posterFor({ views }, '#view=49,32,4.6&t=2024-10-27..2024-11-25&mode=window')?.key).toBe('default');
    expect(posterFor({ views }, '#step=3&story=1')?.key).toBe('story-3');
    expect(posterFor({ views }, '#story=1&step=4')).toBeNull();
    expect(posterFor({ views }, '#t=2024-01-01..2024-01-02&view=50,30,6&story=1&step=3')?.key).toBe('story-3');
    expect(posterFor({ views }, '#t=2024-10-27..2024-11-25&mode=window&view=49,32,4.6&story=1&step=4')).toBeNull();
    expect(posterFor({ views }, '#view=49,32,5')).toBeNull();
    expect(canonicalHash('#step=3&story=1')).toBe('#story=1&step=3');
  });
  it('gives one source per width class, crops rather than scales, and a 2× file for phones', () => {
    const s = pictureSources({ key: 'default' }, 'https://a.example/posters/');
    expect(s.map((x) => x.media)).toEqual(['(max-width: 480px)', '(max-width: 960px)', '']);
    expect(s[0].srcset).toBe(
      'https://a.example/posters/default-480w@1x.webp 1x, https://a.example/posters/default-480w@2x.webp 2x',
    );
    expect(s[2].srcset).toBe(`https://a.example/posters/${posterFile('default', 1600, 1)} 1x`);
  });
  it('follows the CSS height of the map box', () => {
    expect(mapBoxHeight(320)).toBe(416);
    expect(mapBoxHeight(375)).toBe(433);
    expect(mapBoxHeight(1000)).toBe(600);
    expect(mapBoxHeight(200)).toBe(400);
  });
  it('keys a custom view stably and as a safe file-name stem', () => {
    const a = customPosterKey('#t=2024-11-25..2024-11-25&view=49,32,5', 'Kharkiv');
    expect(a).toMatch(POSTER_KEY_PATTERN);
    expect(customPosterKey('#view=49,32,5&t=2024-11-25..2024-11-25', 'Kharkiv')).toBe(a);
    expect(customPosterKey('#t=2024-11-25..2024-11-25&view=49,32,5', null)).not.toBe(a);
  });
});
