/**
 * Icon container formats written from PNGs: Windows .ico and macOS .icns. Both formats may hold
 * PNG data directly (ICO since Windows Vista, ICNS since OS X 10.7), so each size is the vector
 * source rendered at that size, never a downscaled bitmap.
 */

/** Width and height of a PNG from its IHDR chunk. */
export function pngSize(png: Buffer): { width: number; height: number } {
  const signature = '89504e470d0a1a0a';
  if (
    png.subarray(0, 8).toString('hex') !== signature ||
    png.toString('ascii', 12, 16) !== 'IHDR'
  ) {
    throw new Error('not a PNG');
  }
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** A Windows .ico with one PNG entry per image (square, 1–256 px). */
export function buildIco(pngs: Buffer[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(pngs.length, 4);
  const entries: Buffer[] = [];
  let offset = 6 + 16 * pngs.length;
  for (const png of pngs) {
    const { width, height } = pngSize(png);
    if (width !== height || width > 256)
      throw new Error(`ICO images are square, ≤256 px: ${width}`);
    const e = Buffer.alloc(16);
    e.writeUInt8(width === 256 ? 0 : width, 0); // 0 means 256
    e.writeUInt8(height === 256 ? 0 : height, 1);
    e.writeUInt8(0, 2); // no palette
    e.writeUInt8(0, 3);
    e.writeUInt16LE(1, 4); // colour planes
    e.writeUInt16LE(32, 6); // bits per pixel
    e.writeUInt32LE(png.length, 8);
    e.writeUInt32LE(offset, 12);
    entries.push(e);
    offset += png.length;
  }
  return Buffer.concat([header, ...entries, ...pngs]);
}

/** The ICNS element type for each PNG pixel size (and its @2x role where one exists). */
export const ICNS_TYPES: ReadonlyArray<{ type: string; pixels: number }> = [
  { type: 'icp4', pixels: 16 },
  { type: 'icp5', pixels: 32 },
  { type: 'ic11', pixels: 32 }, // 16@2x
  { type: 'ic12', pixels: 64 }, // 32@2x
  { type: 'ic07', pixels: 128 },
  { type: 'ic13', pixels: 256 }, // 128@2x
  { type: 'ic08', pixels: 256 },
  { type: 'ic14', pixels: 512 }, // 256@2x
  { type: 'ic09', pixels: 512 },
  { type: 'ic10', pixels: 1024 }, // 512@2x
];

/** A macOS .icns from PNGs keyed by pixel size; every ICNS_TYPES size must be present. */
export function buildIcns(bySize: ReadonlyMap<number, Buffer>): Buffer {
  const elements = ICNS_TYPES.map(({ type, pixels }) => {
    const png = bySize.get(pixels);
    if (!png) throw new Error(`icns: no ${pixels} px image for ${type}`);
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const body = Buffer.concat(elements);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([head, body]);
}

/** Reads back an .ico's entries (for tests and the generator's own check). */
export function readIco(ico: Buffer): Array<{ size: number; png: Buffer }> {
  if (ico.readUInt16LE(0) !== 0 || ico.readUInt16LE(2) !== 1) throw new Error('not an .ico');
  const count = ico.readUInt16LE(4);
  const out: Array<{ size: number; png: Buffer }> = [];
  for (let i = 0; i < count; i++) {
    const e = 6 + 16 * i;
    const size = ico.readUInt8(e) || 256;
    const length = ico.readUInt32LE(e + 8);
    const offset = ico.readUInt32LE(e + 12);
    out.push({ size, png: ico.subarray(offset, offset + length) });
  }
  return out;
}

/** Reads back an .icns's elements. */
export function readIcns(icns: Buffer): Array<{ type: string; data: Buffer }> {
  if (icns.toString('ascii', 0, 4) !== 'icns' || icns.readUInt32BE(4) !== icns.length) {
    throw new Error('not an .icns');
  }
  const out: Array<{ type: string; data: Buffer }> = [];
  for (let at = 8; at < icns.length;) {
    const type = icns.toString('ascii', at, at + 4);
    const length = icns.readUInt32BE(at + 4);
    if (length < 8) throw new Error(`icns: bad element length at ${at}`);
    out.push({ type, data: icns.subarray(at + 8, at + length) });
    at += length;
  }
  return out;
}
