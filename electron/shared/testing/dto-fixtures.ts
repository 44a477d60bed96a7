/** DTO builders for tests of everything that reads the shared DTOs (state model, tray, core). */
import type { AccountDto, GatewayStatusDto } from '../dto';

export function gatewayDto(over: Partial<GatewayStatusDto> = {}): GatewayStatusDto {
  return {
    state: 'running',
    listening: true,
    host: '127.0.0.1',
    port: 8765,
    baseUrl: 'http://127.0.0.1:8765',
    readyAccounts: 0,
    totalAccounts: 0,
    inFlight: 0,
    requestsToday: 0,
    ...over,
  };
}

/** A logged-in-before, enabled, ready account unless told otherwise. */
export function accountDto(over: Partial<AccountDto> = {}): AccountDto {
  return {
    id: 'work',
    name: 'work',
    enabled: true,
    state: 'ready',
    served: 0,
    errors: 0,
    workers: 1,
    lastLoginAt: 1,
    ...over,
  };
}
