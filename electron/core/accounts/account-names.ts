/**
 * Account names and ids. A name is what the user typed ("work", "alice@example.com", "工作");
 * an id is a short url-safe slug derived from it, used in paths (`accounts/<id>/workdir`),
 * URLs and IPC. Ids never change after creation, so renaming an account never moves its login.
 */

/** Longest accepted account name. */
export const MAX_NAME_LENGTH = 64;

const MAX_ID_LENGTH = 24;
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const CONTROL = /[\u0000-\u001f\u007f]/;

/** The trimmed name, or undefined when it is empty, too long or contains control characters. */
export function cleanAccountName(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const name = raw.normalize('NFC').trim();
  if (name === '' || name.length > MAX_NAME_LENGTH || CONTROL.test(name)) return undefined;
  return name;
}

/** The form two names are compared in: "Work" and "work " are the same account. */
export function nameKey(name: string): string {
  return name.normalize('NFKC').trim().toLowerCase();
}

/** True for strings that are valid account ids. */
export function isAccountId(id: string): boolean {
  return /^[a-z0-9](?:[a-z0-9-]{0,22}[a-z0-9])?$/.test(id);
}

/**
 * A slug for `name` that `taken` does not contain: lowercase ASCII letters, digits and dashes.
 * Names with no ASCII letters at all (e.g. Chinese) become `account`, then `account-2`, ….
 */
export function slugFor(name: string, taken: (id: string) => boolean): string {
  const base =
    name
      .normalize('NFKD')
      // NFKD splits "ü" into "u" + a combining mark; drop the marks so it reads "u", not "u-".
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, MAX_ID_LENGTH - 4)
      .replace(/-+$/, '') || 'account';
  if (!taken(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken(candidate)) return candidate;
  }
}
