// Tests: the embed's render flags — parsing, defaults, malformed input, round trip, theme and autoplay rules.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  cleanTitle,
  createFlagsQuery,
  DEFAULT_FLAGS,
  MAX_TITLE_LENGTH,
  parseFlags,
  resolveTheme,
  shouldAutoplay,
} from './flags';

describe('parseFlags', () => {
  it('gives the defaults for an empty query', () => {
    expect(parseFlags('')).toEqual({ flags: DEFAULT_FLAGS, warnings: [] });
    expect(parseFlags('?')).toEqual({ flags: DEFAULT_FLAGS, warnings: [] });
  });

  it('refuses a poster key that is not a plain file-name stem', () => {
    for (const bad of ['../x', 'View', 'a/b', 'x.webp', '-x', 'a'.repeat(65)]) {
      const { flags, warnings } = parseFlags(`?poster=${encodeURIComponent(bad)}`);
      expect(flags.poster).toBeNull();
      expect(warnings[0]).toMatch(/poster=/);
    }
  });

  it('reads every flag', () => {
    const { flags, warnings } = parseFlags(
      '?controls=0&autoplay=1&theme=dark&plain=1&static=1&title=Strikes%20in%20November&export=1&id=story-map_2&picture=1&poster=view-0a1b2c3d',
    );
    expect(warnings).toEqual([]);
    expect(flags).toEqual({
      controls: false,
      autoplay: true,
      theme: 'dark',
      plain: true,
      static: true,
      title: 'Strikes in November',
      export: true,
      id: 'story-map_2',
      picture: true,
      poster: 'view-0a1b2c3d',
    });
  });

  it('takes a bare flag as on, and true/false', () => {
    expect(parseFlags('plain&static=true&controls=false').flags).toMatchObject({
      plain: true,
      static: true,
      controls: false,
    });
  });

  it('ignores unknown and malformed flags with a warning, keeping the good ones', () => {
    const { flags, warnings } = parseFlags('?theme=purple&controls=maybe&id=<script>&zoom=3&autoplay=1');
    expect(flags).toEqual({ ...DEFAULT_FLAGS, autoplay: true });
    expect(warnings).toHaveLength(4);
    expect(warnings.join('\n')).toMatch(/theme="purple"/);
    expect(warnings.join('\n')).toMatch(/unknown flag "zoom"/);
  });

  it('keeps a title as text, cleaned and cut, never markup', () => {
    const { flags } = parseFlags(`?title=${encodeURIComponent('<img src=x onerror=alert(1)>\n  Kharkiv\tstrikes ')}`);
    expect(flags.title).toBe('<img src=x onerror=alert(1)> Kharkiv strikes');
    expect(parseFlags(`?title=${'a'.repeat(500)}`).flags.title).toHaveLength(MAX_TITLE_LENGTH);
    expect(parseFlags('?title=%20%20').flags.title).toBeNull();
  });

  it('never throws on any input', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const { flags } = parseFlags(s);
        expect(typeof flags.controls).toBe('boolean');
      }),
    );
  });
});

describe('createFlagsQuery', () => {
  it('writes only what differs from the defaults', () => {
    expect(createFlagsQuery({})).toBe('');
    expect(createFlagsQuery(DEFAULT_FLAGS)).toBe('');
    expect(createFlagsQuery({ controls: false, theme: 'dark', title: 'A & B' })).toBe(
      '?controls=0&theme=dark&title=A+%26+B',
    );
  });

  it('round-trips through parseFlags', () => {
    const flag = fc.record({
      controls: fc.boolean(),
      autoplay: fc.boolean(),
      theme: fc.constantFrom('light' as const, 'dark' as const, 'auto' as const),
      plain: fc.boolean(),
      static: fc.boolean(),
      export: fc.boolean(),
      title: fc.option(
        fc.string({ minLength: 1, maxLength: 80 }).map((t) => cleanTitle(t)),
        { nil: null },
      ),
      id: fc.option(fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/), { nil: null }),
      picture: fc.boolean(),
      poster: fc.option(fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,63}$/), { nil: null }),
    });
    fc.assert(
      fc.property(flag, (f) => {
        const { flags, warnings } = parseFlags(createFlagsQuery(f));
        expect(warnings).toEqual([]);
        expect(flags).toEqual(f);
      }),
    );
  });
});

describe('theme and autoplay', () => {
  it('resolves auto from the reader preference', () => {
    expect(resolveTheme('auto', true)).toBe('dark');
    expect(resolveTheme('auto', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
  });

  it('never autoplays under reduced motion', () => {
    expect(shouldAutoplay({ autoplay: true }, false)).toBe(true);
    expect(shouldAutoplay({ autoplay: true }, true)).toBe(false);
    expect(shouldAutoplay({ autoplay: false }, false)).toBe(false);
  });
});
