/**
 * Every icon the app ships, as an SVG document composed from the parts of the one vector source
 * (resources/icon.svg): which parts, which colours, which pixel size, which file. Pure, so the
 * generator and the tests agree on the plan; make-icons.ts renders it.
 */
import {
  TRAY_ICON_IDS,
  TRAY_ICON_SCALES,
  TRAY_ICON_SIZE,
  trayIconFileName,
  type TrayIconId,
  type TrayIconVariant,
} from '../../electron/main/tray-icons';

/** One PNG to render: `svg` at `size` × `size` pixels, written to `path` (repo-relative). */
export interface PngPlan {
  path: string;
  size: number;
  svg: string;
}

/** Installer icon containers, built from PNGs of the listed sizes. */
export interface ContainerPlan {
  path: string;
  format: 'ico' | 'icns';
  sizes: number[];
  /** The composition every size is rendered from. */
  svg: string;
}

export interface IconPlan {
  pngs: PngPlan[];
  containers: ContainerPlan[];
}

/** Badge colours readable on each taskbar; the glyph takes the taskbar's contrasting tone. */
const PALETTE: Record<'light' | 'dark', { glyph: string; badge: Record<TrayIconId, string> }> = {
  // Light glyph for dark taskbars (Windows dark mode, most Linux panels).
  light: {
    glyph: '#f0f3f6',
    badge: {
      setup: '#a371f7',
      starting: '#58a6ff',
      ready: '#3fb950',
      partial: '#d29922',
      down: '#f0883e',
      stopped: '#8b949e',
      error: '#ff6a69',
    },
  },
  // Dark glyph for light taskbars.
  dark: {
    glyph: '#1f2328',
    badge: {
      setup: '#8250df',
      starting: '#0969da',
      ready: '#1a7f37',
      partial: '#9a6700',
      down: '#bc4c00',
      stopped: '#6e7781',
      error: '#cf222e',
    },
  },
};

/** Stopped dims the glyph as well as showing its badge: nothing is being served. */
const DIMMED: ReadonlySet<TrayIconId> = new Set(['stopped']);

export const LINUX_ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
export const ICO_SIZES = [16, 20, 24, 32, 40, 48, 64, 128, 256];
export const ICNS_SIZES = [16, 32, 64, 128, 256, 512, 1024];
/** The window icon (Windows taskbar, Linux window lists), loaded at run time. */
export const WINDOW_ICON_SIZE = 512;

/** The source's `<defs>`: every part, addressable by id. */
export function sourceDefs(source: string): string {
  const m = /<defs>[\s\S]*<\/defs>/.exec(source);
  if (!m) throw new Error('icon source has no <defs>');
  return m[0];
}

function doc(defs: string, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">${defs}${body}</svg>`;
}

export function traySvg(defs: string, id: TrayIconId, variant: TrayIconVariant): string {
  const colors =
    variant === 'template'
      ? { glyph: '#000000', badge: '#000000' }
      : { glyph: PALETTE[variant].glyph, badge: PALETTE[variant].badge[id] };
  const opacity = DIMMED.has(id) ? ' opacity="0.55"' : '';
  return doc(
    defs,
    `<use href="#mark" fill="${colors.glyph}"${opacity}/><use href="#badge-${id}" fill="${colors.badge}"/>`,
  );
}

/**
 * The app icon: the mark and chevron in white on the gradient tile. macOS uses the tile on Apple's
 * icon grid (transparent margin); Windows and Linux use the near full-bleed tile.
 */
export function appSvg(defs: string, platform: 'mac' | 'default'): string {
  const tile = platform === 'mac' ? 'tile-mac' : 'tile';
  // The mark spans x 6–26, y 4–26 (centre 16,15); scale it to ~60% of the tile's height.
  const scale = platform === 'mac' ? 0.7 : 0.82;
  const place = `translate(16 16) scale(${scale}) translate(-16 -15)`;
  return doc(
    defs,
    `<use href="#${tile}"/><g transform="${place}" fill="#ffffff"><use href="#mark"/><use href="#chevron"/></g>`,
  );
}

export function iconPlan(source: string): IconPlan {
  const defs = sourceDefs(source);
  const pngs: PngPlan[] = [];
  for (const id of TRAY_ICON_IDS) {
    for (const variant of Object.keys(TRAY_ICON_SCALES) as TrayIconVariant[]) {
      const svg = traySvg(defs, id, variant);
      for (const scale of TRAY_ICON_SCALES[variant]) {
        pngs.push({
          path: `resources/tray/${trayIconFileName(id, variant, scale)}`,
          size: TRAY_ICON_SIZE * scale,
          svg,
        });
      }
    }
  }
  const app = appSvg(defs, 'default');
  pngs.push({ path: 'resources/icon.png', size: WINDOW_ICON_SIZE, svg: app });
  for (const size of LINUX_ICON_SIZES) {
    pngs.push({ path: `resources/build/icons/${size}x${size}.png`, size, svg: app });
  }
  return {
    pngs,
    containers: [
      { path: 'resources/build/icon.ico', format: 'ico', sizes: ICO_SIZES, svg: app },
      {
        path: 'resources/build/icon.icns',
        format: 'icns',
        sizes: ICNS_SIZES,
        svg: appSvg(defs, 'mac'),
      },
    ],
  };
}
