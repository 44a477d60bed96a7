/**
 * Which tray icon file to show. Pure (no Electron) so the icon generator and the tests share it.
 * Icons are drawn from resources/icon.svg by scripts/icons/make-icons.ts: one per app state, each
 * with its own badge SHAPE (macOS template images are monochrome, so colour alone cannot tell
 * states apart), in a template variant for macOS and light/dark colour variants elsewhere.
 */
import { join } from 'node:path';
import { APP_STATE_IDS, type AppStateId } from '../shared/app-state';

/** One icon per state of the app's state model (issue 15), in the model's own ids. */
export const TRAY_ICON_IDS = APP_STATE_IDS;

export type TrayIconId = AppStateId;

/**
 * The app states the tray can show: needs setup, starting, ready (n of m), partly down, all down,
 * stopped, error. The shared state model (issue 15) names its kinds with these ids.
 */
export type AppStateKind = TrayIconId;

const ICON_FOR_STATE: Record<AppStateKind, TrayIconId> = {
  setup: 'setup',
  starting: 'starting',
  ready: 'ready',
  partial: 'partial',
  down: 'down',
  stopped: 'stopped',
  error: 'error',
};

/** The tray icon for an app state: the one place that maps the state model to icons. */
export function trayIconFor(state: AppStateKind): TrayIconId {
  return ICON_FOR_STATE[state];
}

/**
 * `template` is black + alpha for the macOS menu bar (the OS tints it); `light` is a light glyph
 * for dark taskbars and `dark` a dark glyph for light ones, each with a coloured badge.
 */
export type TrayIconVariant = 'template' | 'light' | 'dark';

/** Pixel scales written per variant (Electron picks `name@2x.png` etc. on high-DPI screens). */
export const TRAY_ICON_SCALES: Record<TrayIconVariant, readonly number[]> = {
  template: [1, 2],
  light: [1, 1.5, 2],
  dark: [1, 1.5, 2],
};

/** Tray icons are 16 px at scale 1 on every platform. */
export const TRAY_ICON_SIZE = 16;

export function trayIconVariant(platform: NodeJS.Platform, darkTheme: boolean): TrayIconVariant {
  if (platform === 'darwin') return 'template';
  return darkTheme ? 'light' : 'dark';
}

/** File name of one variant at one scale, e.g. `readyTemplate@2x.png`, `down-light@1.5x.png`. */
export function trayIconFileName(id: TrayIconId, variant: TrayIconVariant, scale = 1): string {
  const suffix = scale === 1 ? '' : `@${scale}x`;
  // macOS only treats an image as a template when its name ends in "Template".
  return variant === 'template' ? `${id}Template${suffix}.png` : `${id}-${variant}${suffix}.png`;
}

/** The scale-1 file for a state on this platform and theme; Electron finds the @Nx siblings. */
export function trayIconFile(
  resourcesDir: string,
  id: TrayIconId,
  platform: NodeJS.Platform,
  darkTheme: boolean,
): string {
  return join(resourcesDir, 'tray', trayIconFileName(id, trayIconVariant(platform, darkTheme)));
}
