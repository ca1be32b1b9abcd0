import { describe, expect, it } from 'vitest';
import { TRAY_ICON_PIXELS, statusIconBitmap } from '../../main/tray-icon.js';

function pixel(bitmap: Buffer, x: number, y: number, size = TRAY_ICON_PIXELS) {
  const offset = (y * size + x) * 4;
  return { b: bitmap[offset], g: bitmap[offset + 1], r: bitmap[offset + 2], a: bitmap[offset + 3] };
}

describe('statusIconBitmap', () => {
  it('is a square BGRA bitmap', () => {
    expect(statusIconBitmap('ok')).toHaveLength(TRAY_ICON_PIXELS * TRAY_ICON_PIXELS * 4);
    expect(statusIconBitmap('ok', 16)).toHaveLength(16 * 16 * 4);
  });

  it('draws an opaque dot in the status colour on a transparent background', () => {
    const red = statusIconBitmap('error');
    expect(pixel(red, 16, 16)).toEqual({ r: 0xd3, g: 0x3a, b: 0x2c, a: 255 });
    expect(pixel(red, 0, 0)).toEqual({ r: 0, g: 0, b: 0, a: 0 });
    expect(pixel(statusIconBitmap('ok'), 16, 16)).toEqual({ r: 0x2e, g: 0x9d, b: 0x4f, a: 255 });
  });

  it('premultiplies the soft rim so no channel exceeds alpha', () => {
    const bitmap = statusIconBitmap('warning');
    let partial = 0;
    for (let index = 0; index < bitmap.length; index += 4) {
      const alpha = bitmap[index + 3] ?? 0;
      if (alpha > 0 && alpha < 255) partial += 1;
      for (const channel of [0, 1, 2])
        expect(bitmap[index + channel] ?? 0).toBeLessThanOrEqual(alpha);
    }
    expect(partial).toBeGreaterThan(0);
  });
});
