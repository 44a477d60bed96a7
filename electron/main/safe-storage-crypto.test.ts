import { afterEach, describe, expect, it } from 'vitest';
import { safeStorageCrypto } from './safe-storage-crypto';
import { safeStorage } from './testing/electron-mock';

afterEach(() => {
  safeStorage.available = true;
  safeStorage.backend = 'gnome_libsecret';
});

describe('safeStorage crypto', () => {
  it('round-trips through the OS keyring', () => {
    const c = safeStorageCrypto();
    expect(c.available).toBe(true);
    expect(c.decrypt(c.encrypt(Buffer.from('lgw-secret'))).toString()).toBe('lgw-secret');
  });

  it('is unavailable without a keyring, or with the basic_text fallback on Linux', () => {
    safeStorage.available = false;
    expect(safeStorageCrypto().available).toBe(false);
    safeStorage.available = true;
    safeStorage.backend = 'basic_text';
    expect(safeStorageCrypto().available).toBe(process.platform !== 'linux');
  });
});
