import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { appMenuTemplate, DEVELOPMENT_ROLES } from './app-menu';

const roles = (items: MenuItemConstructorOptions[]): string[] =>
  items.flatMap((i) => [
    ...(i.role ? [i.role] : []),
    ...(Array.isArray(i.submenu) ? roles(i.submenu) : []),
  ]);

describe('application menu', () => {
  it('has no reload or DevTools in packaged builds, on any platform', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const r = roles(appMenuTemplate({ packaged: true, platform, appName: 'Lingma Gateway' }));
      for (const dev of DEVELOPMENT_ROLES) expect(r).not.toContain(dev);
      // Copy and paste shortcuts in text fields need the Edit roles (macOS especially).
      expect(r).toEqual(expect.arrayContaining(['copy', 'paste', 'selectAll', 'zoomIn']));
    }
  });

  it('keeps them while developing', () => {
    const r = roles(appMenuTemplate({ packaged: false, platform: 'linux', appName: 'x' }));
    expect(r).toEqual(expect.arrayContaining([...DEVELOPMENT_ROLES]));
  });

  it('gives macOS its app menu with Quit', () => {
    const mac = appMenuTemplate({ packaged: true, platform: 'darwin', appName: 'Lingma Gateway' });
    expect(mac[0]?.label).toBe('Lingma Gateway');
    expect(roles([mac[0]!])).toContain('quit');
    expect(
      roles(appMenuTemplate({ packaged: true, platform: 'win32', appName: 'x' })),
    ).not.toContain('quit');
  });
});
