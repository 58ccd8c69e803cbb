// Tests for the video codecs' strings, levels and bitrates, and each container's preference (H.264 first for MP4).
import { describe, expect, it } from 'vitest';
import { CODEC_PREFERENCE, codecString, encoderConfig, videoBitrate } from './video-codecs';

describe('video codecs', () => {
  it('prefers VP9 for WebM and H.264 for MP4, with fallbacks the muxer can hold', () => {
    expect(CODEC_PREFERENCE.webm[0]).toBe('vp9');
    expect(CODEC_PREFERENCE.mp4).toEqual(['avc', 'av1', 'vp9']);
  });
  it('picks levels that allow the size', () => {
    const b = videoBitrate(1920, 1080, 30);
    expect(codecString('avc', 1920, 1080, b)).toBe('avc1.640028'); // High, level 4.0
    expect(codecString('avc', 3840, 2160, videoBitrate(3840, 2160, 30))).toBe('avc1.640033'); // level 5.1
    expect(codecString('avc', 320, 180, videoBitrate(320, 180, 30))).toBe('avc1.640015');
    expect(codecString('vp9', 1920, 1080, b)).toBe('vp09.00.40.08');
    expect(codecString('av1', 1920, 1080, b)).toBe('av01.0.08M.08');
  });
  it('bitrates scale with pixels and frames, within bounds', () => {
    expect(videoBitrate(1920, 1080, 30)).toBe(6_220_800);
    expect(videoBitrate(100, 100, 1)).toBe(500_000);
    expect(videoBitrate(8000, 8000, 60)).toBe(40_000_000);
  });
  it('MP4 asks for H.264 as length-prefixed units (avcC), WebM for VP9 as is', () => {
    expect(encoderConfig('avc', 'mp4', 640, 360, 30).avc).toEqual({ format: 'avc' });
    expect(encoderConfig('vp9', 'webm', 640, 360, 30)).toMatchObject({
      codec: 'vp09.00.21.08',
      width: 640,
      height: 360,
      framerate: 30,
    });
  });
});
