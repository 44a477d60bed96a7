import { Menu, nativeImage, nativeTheme, Tray, type MenuItemConstructorOptions } from 'electron';
import { trayIconFile } from './tray-icons';
import {
  buildTrayModel,
  type TrayAction,
  type TrayMenuItem,
  type TrayModelInput,
} from './tray-model';

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
