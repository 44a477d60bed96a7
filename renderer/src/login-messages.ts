/**
 * Login messages belong to the account state they describe: "Logged in" shows only while the
 * account is ready, a failure or cancellation only while the account is still in the state it
 * had when that happened. When the state moves on, the message goes (never "Logged in." under a
 * logged-out account).
 */
import type { AccountDto, InstanceStateDto, LoginProgressDto } from '../../electron/shared/dto';

export type LoginEntry = LoginProgressDto & {
  /** The account's state when a finished (failed/cancelled/timeout) login was reported. */
  stateAtEnd?: InstanceStateDto;
};

export const isActivePhase = (p: LoginProgressDto['phase']): boolean =>
  p === 'starting' || p === 'waiting';

/** Whether the message still describes the account. */
export function loginMessageApplies(entry: LoginEntry, account: AccountDto | undefined): boolean {
  if (!account) return false;
  if (isActivePhase(entry.phase)) return true;
  if (entry.phase === 'succeeded') return account.state === 'ready';
  return entry.stateAtEnd === undefined || entry.stateAtEnd === account.state;
}

/** Drops the messages an accounts update made stale. */
export function loginsAfterAccounts(
  logins: Record<string, LoginEntry>,
  accounts: AccountDto[],
): Record<string, LoginEntry> {
  const out: Record<string, LoginEntry> = {};
  for (const [id, entry] of Object.entries(logins)) {
    const account = accounts.find((a) => a.id === id);
    // A success waits for the account to turn ready; it goes once the account leaves ready.
    const keep =
      entry.phase === 'succeeded'
        ? account !== undefined && (account.state === 'ready' || entry.stateAtEnd !== 'ready')
        : loginMessageApplies(entry, account);
    if (keep) {
      out[id] =
        entry.phase === 'succeeded' && account?.state === 'ready'
          ? { ...entry, stateAtEnd: 'ready' }
          : entry;
    } else if (entry.stateAtEnd === 'starting' && account && account.state !== 'starting') {
      // A login cancelled while the child was still starting: the state it settles in is the
      // one the message describes (starting → logged out is not "the state moved on").
      out[id] = { ...entry, stateAtEnd: account.state };
    }
  }
  return out;
}
