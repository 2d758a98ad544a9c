import { Global, Injectable, Module } from '@nestjs/common';

/**
 * The time: every "now" in src/ comes from here (a lint rule refuses `new Date()` and `Date.now()`
 * elsewhere; durations use performance.now(), and session lifetimes, checked against the
 * database's and jsonwebtoken's real time, are the one documented exception). Tests that need
 * another day replace the provider with one shifted by a fixed offset, so BullMQ delays in real
 * milliseconds and the app's notion of "now" stay in step.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock running `offsetMs` ahead of (or behind) the real one. */
export class ShiftedClock extends Clock {
  constructor(public offsetMs: number) {
    super();
  }

  override now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

@Global()
@Module({ providers: [Clock], exports: [Clock] })
export class ClockModule {}

/**
 * Real time, not the Clock: for security lifetimes (session and refresh-token expiry,
 * revocation, purge) compared with the database's now() and jsonwebtoken's real-time `exp`
 * checks, which a shifted test clock must not move.
 */
export function realNow(): Date {
  return new Date();
}
