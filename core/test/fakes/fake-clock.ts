/** Tests drive time with the stepped clock the simulations use. */
export { SteppedClock as FakeClock } from '../../src/runtime/stepped-clock.js';
