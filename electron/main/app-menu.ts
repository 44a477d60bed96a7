/**
 * The application menu. Packaged builds get only what a user needs: the macOS app menu, Edit (so
 * copy and paste shortcuts work in text fields), zoom for readability, and Window. Reload, force
 * reload and DevTools exist only in development, where they are useful and harmless.
 */
import type { MenuItemConstructorOptions } from 'electron';

export interface AppMenuOptions {
  packaged: boolean;
  platform: NodeJS.Platform;
  appName: string;
}

/** Roles that must never reach a packaged build. */
export const DEVELOPMENT_ROLES = ['reload', 'forceReload', 'toggleDevTools'] as const;

export function appMenuTemplate(o: AppMenuOptions): MenuItemConstructorOptions[] {
  const mac = o.platform === 'darwin';
  const menu: MenuItemConstructorOptions[] = [];
  if (mac) {
    menu.push({
      label: o.appName,
      submenu: [
        { role: 'about' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  }
  menu.push({
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'delete' },
      { type: 'separator' },
      { role: 'selectAll' },
    ],
  });
  const view: MenuItemConstructorOptions[] = [
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
  ];
  if (!o.packaged) {
    view.unshift(
      { role: 'reload' },
      { role: 'forceReload' },
      { role: 'toggleDevTools' },
      { type: 'separator' },
    );
  }
  menu.push({ label: 'View', submenu: view });
  menu.push({
    label: 'Window',
    // Close hides the dashboard to the tray (main handles `close`); quitting is in the tray menu.
    submenu: mac
      ? [{ role: 'minimize' }, { role: 'close' }, { type: 'separator' }, { role: 'front' }]
      : [{ role: 'minimize' }, { role: 'close' }],
  });
  return menu;
}
