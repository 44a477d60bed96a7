#!/usr/bin/env node
// Draws the tray and app icons as PNGs (no image tools needed): a rounded "L" glyph with a status
// dot. macOS gets black template images; other platforms get light and dark variants with a
// coloured dot. Run: node scripts/make-icons.mjs  (outputs are committed under resources/).
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const CRC_TABLE = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y += 1) {
    raw[y * (size * 4 + 1)] = 0;
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// Shapes in a unit square (0..1); coverage by 4x4 supersampling.
const inRect = (x, y, x0, y0, x1, y1) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const glyph = (x, y) => inRect(x, y, 0.16, 0.1, 0.34, 0.86) || inRect(x, y, 0.16, 0.7, 0.62, 0.86);
const dot = (x, y) => (x - 0.76) ** 2 + (y - 0.3) ** 2 <= 0.2 ** 2;
const ring = (x, y) => {
  const d = (x - 0.76) ** 2 + (y - 0.3) ** 2;
  return d <= 0.2 ** 2 && d >= 0.11 ** 2;
};

function draw(size, layers) {
  const out = Buffer.alloc(size * size * 4);
  const S = 4;
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < S; sy += 1) {
        for (let sx = 0; sx < S; sx += 1) {
          const x = (px + (sx + 0.5) / S) / size;
          const y = (py + (sy + 0.5) / S) / size;
          for (let i = layers.length - 1; i >= 0; i -= 1) {
            const [shape, color] = layers[i];
            if (shape(x, y)) {
              r += color[0];
              g += color[1];
              b += color[2];
              a += color[3];
              break;
            }
          }
        }
      }
      const n = S * S;
      const o = (py * size + px) * 4;
      const alpha = a / n;
      out[o] = alpha ? Math.round(r / (a / 255)) : 0;
      out[o + 1] = alpha ? Math.round(g / (a / 255)) : 0;
      out[o + 2] = alpha ? Math.round(b / (a / 255)) : 0;
      out[o + 3] = Math.round(alpha);
    }
  }
  return png(size, out);
}

const STATUS = {
  running: { color: [46, 160, 67, 255], shape: dot },
  degraded: { color: [219, 154, 4, 255], shape: dot },
  stopped: { color: [140, 140, 140, 255], shape: ring },
  error: { color: [218, 54, 51, 255], shape: dot },
};
const BLACK = [0, 0, 0, 255];
const DARK_GLYPH = [36, 41, 47, 255];
const LIGHT_GLYPH = [240, 243, 246, 255];

const write = (rel, buf) => {
  const p = join(root, rel);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, buf);
};

for (const [state, { color, shape }] of Object.entries(STATUS)) {
  for (const [suffix, size] of [
    ['', 16],
    ['@2x', 32],
  ]) {
    // macOS template: black + alpha only; the status shape carries the state.
    write(
      `resources/tray/${state}Template${suffix}.png`,
      draw(size, [
        [glyph, BLACK],
        [shape, BLACK],
      ]),
    );
    // Light variant (for dark taskbars) and dark variant (for light taskbars).
    write(
      `resources/tray/${state}-light${suffix}.png`,
      draw(size, [
        [glyph, LIGHT_GLYPH],
        [shape, color],
      ]),
    );
    write(
      `resources/tray/${state}-dark${suffix}.png`,
      draw(size, [
        [glyph, DARK_GLYPH],
        [shape, color],
      ]),
    );
  }
}
write(
  'resources/icon.png',
  draw(512, [
    [() => true, [22, 27, 34, 255]],
    [glyph, LIGHT_GLYPH],
    [dot, STATUS.running.color],
  ]),
);
console.log('icons written to resources/');
