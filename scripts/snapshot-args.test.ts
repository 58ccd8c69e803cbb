// Tests for the snapshot script's command line: options, checks, --each-day days, hashes, dist/ staleness.
import { describe, expect, it } from 'vitest';
import { daysOf, hashForDay, isStale, parseSnapshotArgs } from './snapshot-args';

describe('parseSnapshotArgs', () => {
  it('reads the issue’s example', () => {
    const a = parseSnapshotArgs([
      '--hash',
      '#t=2024-11-25..2024-11-25&view=49,33,5',
      '--width',
      '1920',
      '--height',
      '1080',
      '--scale',
      '2',
      '--out',
      'map.png',
    ]);
    expect(a).toMatchObject({
      hash: '#t=2024-11-25..2024-11-25&view=49,33,5',
      width: 1920,
      height: 1080,
      scale: 2,
      out: 'map.png',
      format: 'png',
      build: true,
    });
  });
  it('takes the format from --format or the extension', () => {
    expect(parseSnapshotArgs(['--out', 'x.CSV']).format).toBe('csv');
    expect(parseSnapshotArgs(['--format', 'geojson', '--out', 'x.json']).format).toBe('geojson');
    expect(() => parseSnapshotArgs(['--format', 'pdf'])).toThrow(/png, geojson or csv/);
  });
  it('maps the caption switches', () => {
    const a = parseSnapshotArgs([
      '--no-title',
      '--no-legend',
      '--no-time',
      '--no-scale-bar',
      '--no-attribution',
      '--no-sources',
      '--legend-position',
      'top-left',
    ]);
    expect(a).toMatchObject({
      title: null,
      legend: false,
      time: false,
      scaleBar: false,
      attribution: false,
      sources: false,
      legendPosition: 'top-left',
    });
    expect(parseSnapshotArgs(['--title', 'Strikes, 25 Nov']).title).toBe('Strikes, 25 Nov');
  });
  it('checks --each-day and its folder', () => {
    expect(parseSnapshotArgs(['--each-day', '2024-11-18..2024-11-25', '--out-dir', 'out']).eachDay).toEqual({
      from: '2024-11-18',
      to: '2024-11-25',
    });
    expect(() => parseSnapshotArgs(['--each-day', '2024-11-18..2024-11-25'])).toThrow(/--out-dir/);
    expect(() => parseSnapshotArgs(['--each-day', '2024-11-25..2024-11-18', '--out-dir', 'o'])).toThrow(/after/);
    expect(() => parseSnapshotArgs(['--each-day', '2024-02-30..2024-03-01', '--out-dir', 'o'])).toThrow(/ISO dates/);
    expect(() =>
      parseSnapshotArgs(['--each-day', '2024-11-18..2024-11-25', '--out-dir', 'o', '--out', 'x.png']),
    ).toThrow(/not --out/);
  });
  it('rejects bad numbers and unknown options', () => {
    expect(() => parseSnapshotArgs(['--width', '-5'])).toThrow(/positive/);
    expect(() => parseSnapshotArgs(['--scale'])).toThrow(/needs a value/);
    expect(() => parseSnapshotArgs(['--colour', 'red'])).toThrow(/unknown option/);
  });
  it('adds the # to a hash', () => {
    expect(parseSnapshotArgs(['--hash', 't=2024-11-25..2024-11-25']).hash).toBe('#t=2024-11-25..2024-11-25');
  });
});

describe('parseSnapshotArgs --video', () => {
  it('reads the issue’s example', () => {
    const a = parseSnapshotArgs([
      '--hash',
      '#view=49,33,5',
      '--video',
      'out.webm',
      '--from',
      '2024-11-18',
      '--to',
      '2024-11-25',
      '--step',
      'day',
      '--width',
      '640',
      '--height',
      '360',
      '--scale',
      '2',
      '--fps',
      '30',
      '--seconds-per-step',
      '0.5',
    ]);
    expect(a.video).toEqual({
      out: 'out.webm',
      format: 'webm',
      from: '2024-11-18',
      to: '2024-11-25',
      step: 'day',
      mode: 'window',
      fps: 30,
      secondsPerStep: 0.5,
      framesPerStep: null,
      sources: false,
    });
    expect(a).toMatchObject({ width: 640, height: 360, scale: 2 });
  });
  it('takes MP4 from the extension, frames per step, cumulative weeks', () => {
    const a = parseSnapshotArgs([
      '--video',
      'clip.MP4',
      '--step',
      'week',
      '--mode',
      'cumulative',
      '--frames-per-step',
      '15',
    ]);
    expect(a.video).toMatchObject({
      format: 'mp4',
      step: 'week',
      mode: 'cumulative',
      framesPerStep: 15,
      secondsPerStep: null,
      from: null,
      to: null,
    });
    expect(parseSnapshotArgs(['--video', 'x.bin', '--video-format', 'mp4']).video?.format).toBe('mp4');
  });
  it('says what is wrong', () => {
    expect(() => parseSnapshotArgs(['--video', 'out.gif'])).toThrow(/\.webm or \.mp4/);
    expect(() => parseSnapshotArgs(['--video', 'o.webm', '--from', '2024-11-31'])).toThrow(/ISO date/);
    expect(() => parseSnapshotArgs(['--video', 'o.webm', '--from', '2024-11-25', '--to', '2024-11-18'])).toThrow(
      /after/,
    );
    expect(() => parseSnapshotArgs(['--video', 'o.webm', '--step', 'year'])).toThrow(/day, week, month/);
    expect(() => parseSnapshotArgs(['--video', 'o.webm', '--out', 'x.png'])).toThrow(/one video file/);
    expect(() => parseSnapshotArgs(['--video', 'o.webm', '--seconds-per-step', '1', '--frames-per-step', '3'])).toThrow(
      /not both/,
    );
    expect(() => parseSnapshotArgs(['--step', 'week'])).toThrow(/--video FILE/);
    expect(() => parseSnapshotArgs(['--video', 'o.webm', '--fps', '500'])).toThrow(/at most 120/);
  });
});

describe('helpers', () => {
  it('lists days across a month end', () => {
    expect(daysOf({ from: '2024-11-29', to: '2024-12-02' })).toEqual([
      '2024-11-29',
      '2024-11-30',
      '2024-12-01',
      '2024-12-02',
    ]);
  });
  it('sets the window of a hash, keeping the rest', () => {
    expect(hashForDay('#t=2024-01-01..2024-02-01&view=49,33,5&layers=strikes', '2024-11-25')).toBe(
      '#t=2024-11-25..2024-11-25&view=49,33,5&layers=strikes',
    );
    expect(hashForDay('', '2024-11-25')).toBe('#t=2024-11-25..2024-11-25');
  });
  it('knows when dist/ is stale', () => {
    expect(isStale(null, [])).toBe(true);
    expect(isStale(100, [50, 99])).toBe(false);
    expect(isStale(100, [50, 101])).toBe(true);
  });
});
