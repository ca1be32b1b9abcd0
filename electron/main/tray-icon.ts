import type { StatusLevel } from './core-status.js';

/** RGB colours of the status dot; written below in the BGRA byte order Electron bitmaps use. */
const COLOURS: Record<StatusLevel, readonly [r: number, g: number, b: number]> = {
  ok: [0x2e, 0x9d, 0x4f],
  warning: [0xd8, 0x9a, 0x00],
  error: [0xd3, 0x3a, 0x2c],
  idle: [0x8a, 0x8f, 0x98],
};

/** Pixel size of the generated icon; shown at 16 logical pixels with scale factor 2. */
export const TRAY_ICON_PIXELS = 32;

/**
 * Draws the tray icon, a filled dot in the status colour on a transparent background, as a raw
 * BGRA bitmap for `nativeImage.createFromBitmap`. Generated at run time so the packaged app needs
 * no image files outside dist/.
 */
export function statusIconBitmap(level: StatusLevel, size: number = TRAY_ICON_PIXELS): Buffer {
  const [r, g, b] = COLOURS[level];
  const pixels = Buffer.alloc(size * size * 4);
  const centre = size / 2;
  const radius = size / 2 - 1;
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const distance = Math.hypot(x + 0.5 - centre, y + 0.5 - centre);
      // One pixel of linear fall-off at the rim keeps the edge smooth at small sizes.
      const coverage = Math.min(1, Math.max(0, radius - distance + 0.5));
      const offset = (y * size + x) * 4;
      // Skia's N32 bitmaps are premultiplied: colour channels scale with alpha.
      pixels[offset] = Math.round(b * coverage);
      pixels[offset + 1] = Math.round(g * coverage);
      pixels[offset + 2] = Math.round(r * coverage);
      pixels[offset + 3] = Math.round(coverage * 255);
    }
  }
  return pixels;
}
