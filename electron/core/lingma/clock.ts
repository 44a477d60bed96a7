/** The upstream layer's clock is the core's shared one. */
export { sleep, systemClock, type Clock, type TimerHandle } from '../util/clock';
