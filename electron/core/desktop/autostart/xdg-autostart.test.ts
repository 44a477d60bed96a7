import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  autostartDir,
  parseExec,
  quoteExecArg,
  readXdgAutostart,
  setXdgAutostart,
  type XdgAutostartOptions,
} from './xdg-autostart';

let home: string;
let o: XdgAutostartOptions;

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'lgw-autostart-'));
  o = {
    env: {},
    home,
    exec: ['/opt/Lingma Gateway/lingma-gateway'],
    name: 'Lingma Gateway',
    fileName: 'lingma-gateway.desktop',
  };
});
afterEach(() => rm(home, { recursive: true, force: true }));

describe('XDG autostart entry', () => {
  it('uses $XDG_CONFIG_HOME when absolute, else ~/.config', () => {
    expect(autostartDir({ XDG_CONFIG_HOME: '/x/cfg' }, '/home/u')).toBe('/x/cfg/autostart');
    expect(autostartDir({ XDG_CONFIG_HOME: 'relative' }, '/home/u')).toBe(
      '/home/u/.config/autostart',
    );
    expect(autostartDir({}, '/home/u')).toBe('/home/u/.config/autostart');
  });

  it('quotes Exec arguments the way the spec asks and reads them back', () => {
    const args = ['/opt/My App/run', '--flag=a b', 'plain', '50%', 'say "hi" $HOME'];
    const line = args.map(quoteExecArg).join(' ');
    expect(line).toBe('"/opt/My App/run" "--flag=a b" plain 50%% "say \\"hi\\" \\$HOME"');
    expect(parseExec(line)).toEqual(args);
  });

  it('turns on by writing a desktop entry that starts this app, and off by removing it', async () => {
    expect(await readXdgAutostart(o)).toMatchObject({ enabled: false, method: 'xdg' });
    const on = await setXdgAutostart(o, true);
    const file = join(home, '.config/autostart/lingma-gateway.desktop');
    expect(on).toEqual({ enabled: true, supported: true, method: 'xdg', location: file });
    const text = await readFile(file, 'utf8');
    expect(text).toMatch(/^\[Desktop Entry\]\nType=Application\n/);
    expect(text).toContain('Exec="/opt/Lingma Gateway/lingma-gateway"\n');
    expect((await stat(file)).mode & 0o777).toBe(0o644);
    const off = await setXdgAutostart(o, false);
    expect(off.enabled).toBe(false);
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('reflects an entry turned off or removed outside the app', async () => {
    await setXdgAutostart(o, true);
    const file = join(home, '.config/autostart/lingma-gateway.desktop');
    const text = await readFile(file, 'utf8');
    await writeFile(
      file,
      text.replace('X-GNOME-Autostart-enabled=true', 'X-GNOME-Autostart-enabled=false'),
    );
    expect((await readXdgAutostart(o)).enabled).toBe(false);
    await writeFile(file, `${text}Hidden=true\n`);
    expect((await readXdgAutostart(o)).enabled).toBe(false);
    await rm(file);
    expect((await readXdgAutostart(o)).enabled).toBe(false);
  });

  it('marks an entry that starts another copy of the app as stale, and enabling fixes it', async () => {
    await setXdgAutostart({ ...o, exec: ['/old/Lingma-Gateway-0.0.9.AppImage'] }, true);
    expect(await readXdgAutostart(o)).toMatchObject({ enabled: true, stale: true });
    expect(await setXdgAutostart(o, true)).not.toHaveProperty('stale');
  });
});
