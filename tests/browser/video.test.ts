// Browser tests of the video export: a 10-step WebM read back (frames, size, duration), decoded frames looked at, MP4, the dialog's Video tab, cancel, the CLI.
import { expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { ALL_FORMATS, BufferSource, EncodedPacketSink, Input } from 'mediabunny';
import { WEAPON_COLORS } from '../../src/core/config';
import { novemberStrikes } from './atlas-data';
import { ARTIFACTS_DIR, browserSuite, colourDistance, crop, isMostlyUniform, REPO_ROOT, withApp } from './harness';
import { saveArtifact, spotColour } from './export-helpers';
import type { ExportHandle, VideoSnapshot } from '../../src/ui/export/handle';
import type { VideoOptions } from '../../src/ui/export/video-export';

const run = promisify(execFile);
type HandleWindow = Window & { __atlas: { exports(): Promise<ExportHandle> } };
/** Kharkiv, Odesa and Kursk in view, away from the captions' corners. */
const HASH = '#t=2024-11-16..2024-11-25&view=48.8,34.5,5.6';
/** Ten days: nothing struck on the first, Kharkiv, Odesa and Mykolaiv on the last. */
const TEN_DAYS: Partial<VideoOptions> = {
  from: '2024-11-16',
  to: '2024-11-25',
  step: 'day',
  mode: 'window',
  width: 320,
  height: 180,
  scale: 1,
  fps: 30,
  framesPerStep: 3,
  secondsPerStep: null,
  frame: 'extent',
};

interface ReadBack {
  width: number;
  height: number;
  duration: number;
  packets: { data: string; type: 'key' | 'delta'; timestamp: number; duration: number }[];
  config: VideoDecoderConfig;
  codec: string | null;
}

/** Reads a video file with mediabunny's Input in node: its track's size, duration and every packet. */
async function readBack(bytes: Buffer): Promise<ReadBack> {
  const input = new Input({ formats: ALL_FORMATS, source: new BufferSource(new Uint8Array(bytes)) });
  const track = await input.getPrimaryVideoTrack();
  if (!track) throw new Error('the file has no video track');
  const config = await track.getDecoderConfig();
  if (!config) throw new Error('the video track has no decoder config');
  const packets: ReadBack['packets'] = [];
  const sink = new EncodedPacketSink(track);
  for await (const p of sink.packets())
    packets.push({
      data: Buffer.from(p.data).toString('base64'),
      type: p.type,
      timestamp: p.timestamp,
      duration: p.duration,
    });
  const description = config.description ? Buffer.from(config.description as ArrayBuffer).toString('base64') : null;
  const out = {
    width: track.displayWidth,
    height: track.displayHeight,
    duration: await input.computeDuration(),
    packets,
    config: {
      ...config,
      description: undefined,
      ...(description ? { descriptionBase64: description } : {}),
    } as VideoDecoderConfig,
    codec: track.codec,
  };
  input.dispose();
  return out;
}

/** Decodes every packet with the page's VideoDecoder; returns the frames asked for as PNG (base64) and how many frames came out. */
async function decodeFrames(page: Page, video: ReadBack, wanted: number[]): Promise<{ count: number; pngs: string[] }> {
  return page.evaluate(
    async ({ packets, config, wanted }) => {
      const c = config as VideoDecoderConfig & { descriptionBase64?: string };
      const b64 = (s: string): Uint8Array => Uint8Array.from(atob(s), (ch) => ch.charCodeAt(0));
      const frames: VideoFrame[] = [];
      const decoder = new VideoDecoder({
        output: (f) => frames.push(f),
        error: (e) => {
          throw e;
        },
      });
      const { descriptionBase64, ...rest } = c;
      decoder.configure({ ...rest, ...(descriptionBase64 ? { description: b64(descriptionBase64) } : {}) });
      for (const p of packets)
        decoder.decode(
          new EncodedVideoChunk({
            type: p.type,
            timestamp: Math.round(p.timestamp * 1e6),
            duration: Math.round(p.duration * 1e6),
            data: b64(p.data),
          }),
        );
      await decoder.flush();
      frames.sort((a, b) => a.timestamp - b.timestamp);
      const pngs: string[] = [];
      for (const i of wanted) {
        const f = frames[i];
        const canvas = new OffscreenCanvas(f.displayWidth, f.displayHeight);
        canvas.getContext('2d')?.drawImage(f, 0, 0);
        const blob = await canvas.convertToBlob({ type: 'image/png' });
        const bytes = new Uint8Array(await blob.arrayBuffer());
        let s = '';
        for (const byte of bytes) s += String.fromCharCode(byte);
        pngs.push(btoa(s));
      }
      const count = frames.length;
      for (const f of frames) f.close();
      decoder.close();
      return { count, pngs };
    },
    { packets: video.packets, config: video.config, wanted },
  );
}

async function exportVideoIn(
  page: Page,
  name: string,
  options: Partial<VideoOptions>,
  probes: [number, number][] = [],
): Promise<{ meta: Omit<VideoSnapshot, 'base64'>; bytes: Buffer; file: string }> {
  const r = await page.evaluate(
    async ([o, p]) => (await (window as unknown as HandleWindow).__atlas.exports()).video(o, p),
    [options, probes] as const,
  );
  const { base64, ...meta } = r;
  const bytes = Buffer.from(base64, 'base64');
  return { meta, bytes, file: saveArtifact(name, bytes) };
}

/** Pixels within a box where some channel differs by more than `threshold` between two same-sized images. */
function strongDifferences(
  a: PNG,
  b: PNG,
  box: { x: number; y: number; width: number; height: number },
  threshold: number,
): number {
  let n = 0;
  for (let y = Math.max(0, Math.floor(box.y)); y < Math.min(a.height, box.y + box.height); y++) {
    for (let x = Math.max(0, Math.floor(box.x)); x < Math.min(a.width, box.x + box.width); x++) {
      const i = (y * a.width + x) * 4;
      let d = 0;
      for (let c = 0; c < 3; c++) d = Math.max(d, Math.abs(a.data[i + c] - b.data[i + c]));
      if (d > threshold) n++;
    }
  }
  return n;
}

browserSuite('Video export in Chromium', () => {
  it('exports 10 daily steps as WebM (VP9): frame count, size and duration read back; the date and the strikes change between the first and last frames', async () => {
    const { kharkiv } = novemberStrikes();
    await withApp(HASH, async ({ page }) => {
      const { meta, bytes } = await exportVideoIn(page, 'video-10-days.webm', TEN_DAYS, [[kharkiv.lon, kharkiv.lat]]);
      expect(meta).toMatchObject({
        format: 'webm',
        codec: 'vp9',
        encoder: 'webcodecs',
        width: 320,
        height: 180,
        steps: 10,
        framesPerStep: 3,
        frames: 30,
        fps: 30,
      });
      expect(meta.duration).toBeCloseTo(1, 5);
      expect(meta.fileName).toBe('conflict-atlas_2024-11-16_2024-11-25.webm');
      expect(meta.captions[0]).toBe('16 Nov 2024');
      expect(meta.captions[9]).toBe('25 Nov 2024');
      // Memory stays flat: the encoder never held more than a few frames.
      expect(meta.maxQueued).toBeLessThanOrEqual(4);
      expect(bytes.subarray(0, 4).toString('hex')).toBe('1a45dfa3'); // EBML: a Matroska/WebM file

      const video = await readBack(bytes);
      expect(video.codec).toBe('vp9');
      expect([video.width, video.height]).toEqual([320, 180]);
      expect(video.packets.length).toBe(30);
      expect(video.duration).toBeCloseTo(1, 2);
      expect(video.packets[0].type).toBe('key');

      const { count, pngs } = await decodeFrames(page, video, [0, 14, 29]);
      expect(count).toBe(30);
      const [first, middle, last] = pngs.map((b64, i) => {
        const buf = Buffer.from(b64, 'base64');
        saveArtifact(`video-frame-${['first', 'middle', 'last'][i]}.png`, buf);
        return PNG.sync.read(buf);
      });
      for (const f of [first, middle, last]) {
        expect([f.width, f.height]).toEqual([320, 180]);
        expect(isMostlyUniform(f), 'a decoded frame is one flat colour').toBe(false);
      }
      // The date caption changes: the title box differs between 16 Nov and 25 Nov.
      const title = meta.titleBox;
      if (!title) throw new Error('no title box');
      // Counted as pixels that change strongly (the digits' ink), not as a mean: the caption's panel is
      // 92% opaque, so a mean also counted the map behind it (a nationwide tint's removal took it
      // from above 2 to 1.65 with the caption's change unchanged).
      expect(strongDifferences(first, last, title, 60), 'the date caption did not change').toBeGreaterThanOrEqual(12);
      // The data differ: no strike on 16 Nov, the Kharkiv strike (missile red) on 25 Nov.
      const [px, py] = meta.probes[0];
      expect(px > 0 && px < 320 && py > 0 && py < 180, `Kharkiv at (${px}, ${py}) is in the frame`).toBe(true);
      const before = spotColour(first, px, py, 2);
      const after = spotColour(last, px, py, 2);
      expect(colourDistance(after, WEAPON_COLORS.missile), `Kharkiv on 25 Nov is ${after}`).toBeLessThan(60);
      expect(colourDistance(before, WEAPON_COLORS.missile), `Kharkiv on 16 Nov is ${before}`).toBeGreaterThan(80);
      // Frames of one step are the same picture; the map outside the captions is drawn (not white).
      saveArtifact('video-frame-last-map.png', PNG.sync.write(crop(last, { x: 0, y: 0, width: 320, height: 180 })));
    });
  });

  it('exports MP4 (H.264 where the browser can encode it, stated otherwise) with the size asked for at 2×', async () => {
    await withApp(HASH, async ({ page }) => {
      const codecs = await page.evaluate(async () =>
        (await (window as unknown as HandleWindow).__atlas.exports()).videoCodecs(640, 360),
      );
      const { meta, bytes } = await exportVideoIn(page, 'video-3-days.mp4', {
        ...TEN_DAYS,
        from: '2024-11-23',
        to: '2024-11-25',
        framesPerStep: 4,
        scale: 2,
        format: 'mp4',
      });
      expect(meta).toMatchObject({ format: 'mp4', width: 640, height: 360, steps: 3, frames: 12 });
      expect(bytes.subarray(4, 8).toString('latin1')).toBe('ftyp');
      const video = await readBack(bytes);
      expect([video.width, video.height]).toEqual([640, 360]);
      expect(video.packets.length).toBe(12);
      expect(video.duration).toBeCloseTo(12 / 30, 2);
      if (codecs.mp4?.startsWith('avc1')) {
        expect(meta.codec).toBe('avc');
        expect(video.codec).toBe('avc');
      } else {
        // Debian builds without an H.264 encoder: another codec in MP4, and a warning saying so.
        expect(meta.warnings.join(' ')).toMatch(/cannot encode H\.264/);
      }
      const { count, pngs } = await decodeFrames(page, video, [11]);
      expect(count).toBe(12);
      const lastFrame = PNG.sync.read(Buffer.from(pngs[0], 'base64'));
      saveArtifact('video-mp4-last.png', PNG.sync.write(lastFrame));
      expect(isMostlyUniform(lastFrame)).toBe(false);

      // The fallback where VideoEncoder is missing: MediaRecorder in real time, and the result says it may drop frames.
      const rec = await exportVideoIn(page, 'video-recorder.webm', {
        ...TEN_DAYS,
        from: '2024-11-24',
        to: '2024-11-25',
        framesPerStep: 2,
        fps: 10,
        encoder: 'recorder',
      });
      expect(rec.meta.encoder).toBe('mediarecorder');
      expect(rec.meta.warnings.join(' ')).toMatch(/MediaRecorder .* may drop/);
      expect(rec.bytes.subarray(0, 4).toString('hex')).toBe('1a45dfa3');
      const recorded = await readBack(rec.bytes);
      expect([recorded.width, recorded.height]).toEqual([320, 180]);
      expect(recorded.packets.length).toBeGreaterThan(0);
    });
  });

  it('the dialog’s Video tab: options, the size line, a download named for the period; a cancelled export leaves nothing behind', async () => {
    await withApp(HASH, async ({ page }) => {
      await page.locator('#export-button').click();
      await page.locator('#export-dialog[open]').waitFor();
      await page.locator('#export-format-video').check();
      expect(await page.locator('#export-png').isHidden()).toBe(true);
      expect(await page.locator('#export-sources').isChecked(), 'a video leaves the source band out by default').toBe(
        false,
      );
      expect(await page.locator('#export-video').isVisible()).toBe(true);
      expect(await page.locator('#video-from').inputValue()).toBe('2024-11-16');
      expect(await page.locator('#video-to').inputValue()).toBe('2024-11-25');
      await page.locator('#video-size').selectOption('custom');
      await page.locator('#video-width').fill('320');
      await page.locator('#video-height').fill('180');
      await page.locator('#video-from').fill('2024-11-23');
      await page.locator('#video-timing').selectOption('frames');
      await page.locator('#video-per-step').fill('1');
      await expect.poll(() => page.locator('#video-summary').textContent()).toContain('3 steps × 1 frame = 3 frames');
      await expect.poll(() => page.locator('#video-summary').textContent()).toContain('320 × 180 px');
      await expect.poll(() => page.locator('#video-codec').textContent()).toMatch(/VP9/);
      await page.screenshot({ path: join(ARTIFACTS_DIR, 'video-dialog.png') });
      expect(await page.locator('#export-file-name').textContent()).toBe('conflict-atlas_2024-11-23_2024-11-25.webm');
      const [download] = await Promise.all([
        page.waitForEvent('download', { timeout: 90_000 }),
        page.locator('#export-go').click(),
      ]);
      expect(download.suggestedFilename()).toBe('conflict-atlas_2024-11-23_2024-11-25.webm');
      await expect.poll(() => page.locator('#export-status').textContent()).toMatch(/Saved .*\.webm .*3 frames/);

      // A long export cancelled part way: the status says so and the off-screen map is gone.
      await page.locator('#video-from').fill('2024-10-01');
      await page.locator('#export-go').click();
      await expect
        .poll(() => page.locator('#export-status').textContent(), { timeout: 60_000 })
        .toMatch(/Frame \d+ of \d+.*left/);
      await page.locator('.export-cancel').click();
      await expect.poll(() => page.locator('#export-status').textContent()).toBe('Export cancelled.');
      expect(await page.locator('[data-atlas-export]').count()).toBe(0);
      await page.keyboard.press('Escape');
      await expect.poll(() => page.locator('#export-dialog').count()).toBe(0);
    });
  });

  it('the snapshot CLI writes a video of the size asked for', async () => {
    const dir = join(ARTIFACTS_DIR, 'cli-video');
    rmSync(dir, { recursive: true, force: true });
    const out = join(dir, 'out.webm');
    const r = await run(
      'node',
      [
        'scripts/run-ts.mjs',
        'scripts/snapshot.ts',
        '--hash',
        '#view=48.8,34.5,5.6',
        '--video',
        out,
        '--from',
        '2024-11-23',
        '--to',
        '2024-11-25',
        '--step',
        'day',
        '--width',
        '320',
        '--height',
        '180',
        '--scale',
        '2',
        '--fps',
        '10',
        '--seconds-per-step',
        '0.2',
        '--no-build',
      ],
      { cwd: REPO_ROOT, timeout: 200_000 },
    );
    expect(r.stdout).toContain(out);
    expect(r.stdout).toMatch(/640x360 px, 3 steps, 6 frames, 0\.6 s/);
    const video = await readBack(readFileSync(out));
    expect([video.width, video.height]).toEqual([640, 360]);
    expect(video.packets.length).toBe(6);
    expect(video.duration).toBeCloseTo(0.6, 2);
  }, 240_000);
});
