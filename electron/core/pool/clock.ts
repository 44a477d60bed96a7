/**
 * Time as a dependency, so tests drive cooldowns, queue timeouts and health checks without
 * sleeping. The pool uses the core's shared clock (util/clock.ts) under its own names.
 */
export {
  systemClock as systemPoolClock,
  type Clock as PoolClock,
  type TimerHandle as PoolTimer,
} from '../util/clock';
