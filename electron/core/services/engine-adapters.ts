import { ApiError } from '../gateway/errors';
import type { AcquireOptions, EngineLease, EnginePool } from '../gateway/engine/ports';
import type { LingmaModel } from '../lingma/types';
import { shuttingDown } from '../gateway/engine/failures';
import { NoCapacityError, PoolStoppedError } from '../pool/errors';

const seconds = (ms: number | undefined, fallback: number): number =>
  ms === undefined ? fallback : Math.max(1, Math.ceil(ms / 1000));

/** Pool refusals → the HTTP errors clients understand (429 or 503 with Retry-After). */
export function admissionError(err: unknown, signal?: AbortSignal): unknown {
  if (signal?.aborted) {
    return new ApiError('invalid_request', 'The client closed the request.', { status: 499 });
  }
  if (err instanceof NoCapacityError) {
    switch (err.reason) {
      case 'no_accounts':
        return new ApiError(
          'unavailable',
          `${err.message} Add and log in an account in Lingma Gateway.`,
          {
            code: 'no_accounts',
            retryAfter: seconds(err.retryAfterMs, 30),
          },
        );
      case 'none_logged_in':
        return new ApiError('unavailable', `${err.message} Log in from the Accounts page.`, {
          code: 'not_logged_in',
          retryAfter: seconds(err.retryAfterMs, 30),
        });
      case 'all_unavailable':
        return new ApiError('unavailable', err.message, {
          code: 'no_ready_instance',
          retryAfter: seconds(err.retryAfterMs, 5),
        });
      default:
        return new ApiError('rate_limit', err.message, {
          code: err.reason,
          retryAfter: seconds(err.retryAfterMs, 30),
        });
    }
  }
  if (err instanceof PoolStoppedError) return shuttingDown();
  return err;
}

interface PoolLike {
  acquire(options: AcquireOptions): Promise<EngineLease>;
  models(): Promise<LingmaModel[]>;
  readonly closing: boolean;
}

export function enginePool(pool: PoolLike): EnginePool {
  return {
    acquire: (o) =>
      pool.acquire(o).catch((err: unknown) => {
        throw admissionError(err, o.signal);
      }),
    models: () => pool.models(),
    closing: () => pool.closing,
  };
}
