import { beforeEach, describe, expect, it, vi } from 'vitest';
import { INVOKE_CHANNELS, type InvokeHandlers } from '../shared/contract';
import { registerIpc } from './ipc';
import { ipcMain } from './testing/electron-mock';

const OWN = 'file:///app/dist/renderer/index.html';
const call = (channel: string, url: string | undefined, payload?: unknown) =>
  (ipcMain.handlers.get(channel) as (e: unknown, p: unknown) => Promise<unknown>)(
    { senderFrame: url ? { url } : null },
    payload,
  );

describe('registerIpc', () => {
  let off: () => void;
  const add = vi.fn(async ({ name }: { name: string }) => ({ id: name }));
  beforeEach(() => {
    off?.();
    add.mockClear();
    const handlers = new Proxy({} as InvokeHandlers, {
      get: (_t, channel) => (channel === 'accounts:add' ? add : async () => 'ok'),
    });
    off = registerIpc(handlers, OWN, () => undefined);
  });

  it('serves our renderer with an envelope', async () => {
    await expect(call('accounts:add', OWN, { name: 'w' })).resolves.toEqual({
      ok: true,
      result: { id: 'w' },
    });
  });

  it('refuses other frames before running anything', async () => {
    await expect(
      call('accounts:add', 'https://devops.aliyun.com/lingma/login', { name: 'w' }),
    ).resolves.toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    await expect(call('accounts:add', undefined, { name: 'w' })).resolves.toMatchObject({
      ok: false,
    });
    expect(add).not.toHaveBeenCalled();
  });

  it('rejects invalid payloads with a clear message and no stack', async () => {
    const r = (await call('accounts:add', OWN, { name: 42 })) as {
      ok: boolean;
      error: { message: string };
    };
    expect(r.ok).toBe(false);
    expect(r.error.message).toMatch(/accounts:add: name/);
    expect(r.error.message).not.toMatch(/at .*\.ts/);
    expect(add).not.toHaveBeenCalled();
  });

  it('registers exactly the contract channels and removes them', () => {
    expect(ipcMain.handlers.size).toBe(INVOKE_CHANNELS.length);
    off();
    expect(ipcMain.handlers.size).toBe(0);
    off = () => undefined;
  });
});
