import { safeStorage } from 'electron';

/**
 * The OS keyring (Keychain, DPAPI, libsecret/kwallet) through Electron's safeStorage, in the shape
 * the core's encrypted file vault takes. On Linux without a keyring Electron falls back to a fixed
 * "basic_text" key, which is no protection: that counts as unavailable, so the vault says so and
 * the UI shows it instead of pretending secrets are encrypted.
 */
export function safeStorageCrypto(): {
  available: boolean;
  encrypt(b: Buffer): Buffer;
  decrypt(b: Buffer): Buffer;
} {
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os';
  const available = safeStorage.isEncryptionAvailable() && backend !== 'basic_text';
  return {
    available,
    encrypt: (b) => safeStorage.encryptString(b.toString('utf8')),
    decrypt: (b) => Buffer.from(safeStorage.decryptString(b), 'utf8'),
  };
}
