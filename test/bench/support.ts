// Shared helpers for `npm run bench`: figures are printed as `bench <name>: <number> <unit>`.
import { performance } from 'node:perf_hooks';
import { collectGarbage } from '../../main/db/company-db';

export interface Bench {
  readonly name: string;
  run(): Promise<void>;
}

export function report(name: string, value: number, unit: string): void {
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  process.stdout.write(`bench ${name}: ${value.toFixed(digits)} ${unit}\n`);
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Median wall time in ms of fn over n runs, after a warm-up run. */
export async function medianMs(n: number, fn: () => Promise<unknown>): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return median(times);
}

export async function timeMs(fn: () => Promise<unknown> | unknown): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/**
 * Wall time of fn starting from a collected heap: when two ways are compared in turns, the
 * garbage one leaves behind is not collected on the other's clock.
 */
export async function settledTimeMs(fn: () => Promise<unknown> | unknown): Promise<number> {
  if (!collectGarbage) throw new Error('Vollständige Speicherbereinigung (gc) ist nicht verfügbar');
  collectGarbage();
  return timeMs(fn);
}
