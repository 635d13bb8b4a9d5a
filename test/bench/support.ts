// Shared helpers for `npm run bench`: figures are printed as `bench <name>: <number> <unit>`.
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';

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

/** V8's full collection, made callable without a command-line flag. */
const collectGarbage = ((): (() => void) => {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as unknown;
  if (typeof gc !== 'function') throw new Error('gc() nicht verfügbar');
  return gc as () => void;
})();

/**
 * Wall time of fn starting from a collected heap: when two ways are compared in turns, the
 * garbage one leaves behind is not collected on the other's clock.
 */
export async function settledTimeMs(fn: () => Promise<unknown> | unknown): Promise<number> {
  collectGarbage();
  return timeMs(fn);
}
