import { Menu, nativeImage, nativeTheme, Tray, type MenuItemConstructorOptions } from 'electron';
import { join } from 'node:path';
import {
  buildTrayModel,
  type TrayAction,
  type TrayMenuItem,
  type TrayModelInput,
} from './tray-model';

/** Icon file for a state: template images on macOS, light/dark variants elsewhere. */
export function trayIconFile(
  resourcesDir: string,
  state: string,
  platform: NodeJS.Platform,
  darkTheme: boolean,
): string {
  if (platform === 'darwin') return join(resourcesDir, 'tray', `${state}Template.png`);
  // A light glyph on dark taskbars, a dark glyph on light ones.
  return join(resourcesDir, 'tray', `${state}-${darkTheme ? 'light' : 'dark'}.png`);
}

/** Owns the Tray: re-renders icon, tooltip and menu whenever its input changes. */
export class TrayController {
  private readonly tray: Tray;
  private last: TrayModelInput | undefined;

  constructor(
    private readonly resourcesDir: string,
    private readonly onAction: (action: TrayAction) => void,
  ) {
    this.tray = new Tray(nativeImage.createEmpty());
    nativeTheme.on('updated', () => this.last && this.update(this.last));
  }

  update(input: TrayModelInput): void {
    this.last = input;
    const model = buildTrayModel(input);
    const file = trayIconFile(
      this.resourcesDir,
      model.icon,
      process.platform,
      nativeTheme.shouldUseDarkColors,
    );
    const image = nativeImage.createFromPath(file);
    if (process.platform === 'darwin') image.setTemplateImage(true);
    this.tray.setImage(image);
    this.tray.setToolTip(model.tooltip);
    this.tray.setContextMenu(Menu.buildFromTemplate(this.toElectron(model.menu)));
  }

  destroy(): void {
    this.tray.destroy();
  }

  private toElectron(items: TrayMenuItem[]): MenuItemConstructorOptions[] {
    return items.map((i) => {
      if (i.type === 'separator') return { type: 'separator' };
      const action = i.action;
      return {
        label: i.label,
        enabled: i.enabled ?? true,
        type: i.type === 'checkbox' ? 'checkbox' : i.submenu ? 'submenu' : 'normal',
        checked: i.checked,
        submenu: i.submenu ? this.toElectron(i.submenu) : undefined,
        click: action ? () => this.onAction(action) : undefined,
      };
    });
  }
}
