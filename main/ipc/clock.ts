import { berlinDate } from '../../shared/dates';
import type { Clock } from './types';

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => berlinDate(new Date()),
};

/** A clock standing still at an instant: tests, and ABOWERK_CLOCK for reproducible demos. */
export function fixedClock(instant: string | Date): Clock {
  const at = new Date(instant);
  if (Number.isNaN(at.getTime())) throw new Error(`Ungültiger Zeitpunkt für die Uhr: ${String(instant)}`);
  return { now: () => new Date(at), today: () => berlinDate(at) };
}

/** ABOWERK_CLOCK pins the date (e2e tests, demos of S1–S13); otherwise the system clock. */
export function clockFromEnv(env: NodeJS.ProcessEnv = process.env): Clock {
  return env.ABOWERK_CLOCK ? fixedClock(env.ABOWERK_CLOCK) : systemClock;
}
