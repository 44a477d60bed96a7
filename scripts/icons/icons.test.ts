/**
 * The committed icons are the current rendering of the one vector source, every tray state has a
 * shape of its own (macOS template images are monochrome), and the installer containers hold
 * every size they claim.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  TRAY_ICON_IDS,
  TRAY_ICON_SCALES,
  trayIconFile,
  trayIconFileName,
  type TrayIconVariant,
} from '../../electron/main/tray-icons';
import { ICNS_SIZES, ICO_SIZES, iconPlan } from './compose';
import { ICNS_TYPES, pngSize, readIcns, readIco } from './containers';
import { expectedInputs, MANIFEST, sha256, SOURCE, type IconManifest } from './make-icons';
import { pngPixels, renderPng } from './render';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const read = (rel: string): Buffer => readFileSync(join(ROOT, rel));
const manifest = JSON.parse(read(MANIFEST).toString('utf8')) as IconManifest;

/** Alpha channel as a 0/1 mask (covered = alpha ≥ 50%). */
function mask(png: Buffer, size: number): Uint8Array {
  const px = pngPixels(png, size);
  const out = new Uint8Array(size * size);
  for (let i = 0; i < out.length; i++) out[i] = (px[i * 4 + 3] ?? 0) >= 128 ? 1 : 0;
  return out;
}

const differing = (a: Uint8Array, b: Uint8Array): number => a.filter((v, i) => v !== b[i]).length;

describe('icons', () => {
  it('were generated from the current source and composition (run `npm run icons`)', () => {
    expect({ source: manifest.source, composer: manifest.composer }).toEqual(expectedInputs(ROOT));
    const plan = iconPlan(read(SOURCE).toString('utf8'));
    const planned = [...plan.pngs.map((p) => p.path), ...plan.containers.map((c) => c.path)];
    expect(Object.keys(manifest.files).sort()).toEqual(planned.sort());
    for (const [path, hash] of Object.entries(manifest.files)) {
      expect(sha256(read(path)), path).toBe(hash);
    }
  });

  it('renders each planned PNG at its planned pixel size', () => {
    for (const p of iconPlan(read(SOURCE).toString('utf8')).pngs) {
      expect(pngSize(read(p.path)), p.path).toEqual({ width: p.size, height: p.size });
    }
  });

  it('has a file for every state, platform and theme the tray can ask for', () => {
    for (const id of TRAY_ICON_IDS) {
      for (const platform of ['darwin', 'win32', 'linux'] as const) {
        for (const dark of [false, true]) {
          expect(existsSync(trayIconFile(join(ROOT, 'resources'), id, platform, dark))).toBe(true);
        }
      }
      for (const variant of Object.keys(TRAY_ICON_SCALES) as TrayIconVariant[]) {
        for (const scale of TRAY_ICON_SCALES[variant]) {
          const file = join(ROOT, 'resources/tray', trayIconFileName(id, variant, scale));
          expect(existsSync(file), file).toBe(true);
        }
      }
    }
  });

  it('gives every state a template image of its own shape, in black only', () => {
    for (const scale of TRAY_ICON_SCALES.template) {
      const size = 16 * scale;
      const masks = TRAY_ICON_IDS.map((id) => {
        const png = read(`resources/tray/${trayIconFileName(id, 'template', scale)}`);
        const px = pngPixels(png, size);
        for (let i = 0; i < px.length; i += 4) {
          if ((px[i + 3] ?? 0) > 0) expect([px[i], px[i + 1], px[i + 2]]).toEqual([0, 0, 0]);
        }
        return { id, mask: mask(png, size) };
      });
      for (const a of masks) {
        for (const b of masks) {
          if (a.id >= b.id) continue;
          // Shapes read apart only if a tenth of the 7×7 px badge (at 1x) differs, not a few edge pixels.
          expect(differing(a.mask, b.mask), `${a.id} vs ${b.id} @${scale}x`).toBeGreaterThan(
            4 * scale * scale,
          );
        }
      }
    }
  });

  it('packs every size into the Windows .ico and the macOS .icns', () => {
    const ico = readIco(read('resources/build/icon.ico'));
    expect(ico.map((e) => e.size)).toEqual(ICO_SIZES);
    for (const e of ico) expect(pngSize(e.png).width).toBe(e.size);
    const icns = readIcns(read('resources/build/icon.icns'));
    expect(icns.map((e) => e.type)).toEqual(ICNS_TYPES.map((t) => t.type));
    for (const [i, e] of icns.entries()) {
      expect(pngSize(e.data).width).toBe(ICNS_TYPES[i]?.pixels);
      expect(ICNS_SIZES).toContain(pngSize(e.data).width);
    }
  });

  it('renders deterministically (so the manifest check is meaningful)', () => {
    const p = iconPlan(read(SOURCE).toString('utf8')).pngs[0];
    if (!p) throw new Error('empty plan');
    expect(renderPng(p.svg, p.size).equals(renderPng(p.svg, p.size))).toBe(true);
  });
});
