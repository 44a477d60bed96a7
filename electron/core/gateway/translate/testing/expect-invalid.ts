import { expect } from 'vitest';
import { ApiError } from '../../errors';

/**
 * Runs `fn` and asserts it failed with a 400 `invalid_request` naming `param` — and not with a
 * TypeError or any other crash. Returns the error for further checks.
 */
export function expectInvalid(fn: () => unknown, param: string | null): ApiError {
  let thrown: unknown;
  try {
    fn();
  } catch (err) {
    thrown = err;
  }
  expect(thrown, 'expected an ApiError').toBeInstanceOf(ApiError);
  const err = thrown as ApiError;
  expect(err.kind).toBe('invalid_request');
  expect(err.status).toBe(400);
  expect(err.param).toBe(param);
  expect(err.message.length).toBeGreaterThan(10);
  return err;
}
