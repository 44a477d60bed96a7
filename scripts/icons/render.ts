/**
 * SVG → PNG with resvg (Rust, via @resvg/resvg-js). Chosen over sharp because it is a pure SVG
 * renderer with no system libraries, its platform binary ships as an optional npm package (no
 * install script: it works with npm's scripts skipped), and its output is deterministic.
 */
import { Resvg } from '@resvg/resvg-js';

export function renderPng(svg: string, size: number): Buffer {
  const png = new Resvg(svg, {
    fitTo: { mode: 'width', value: size },
    font: { loadSystemFonts: false },
    logLevel: 'error',
  })
    .render()
    .asPng();
  return Buffer.from(png);
}

/** RGBA pixels of a PNG (decoded by resvg, drawing it as an image at its own size). */
export function pngPixels(png: Buffer, size: number): Buffer {
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}">` +
    `<image width="${size}" height="${size}" href="data:image/png;base64,${png.toString('base64')}"/></svg>`;
  return Buffer.from(new Resvg(svg, { font: { loadSystemFonts: false } }).render().pixels);
}
