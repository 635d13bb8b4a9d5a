// Runs due jobs while a company file is open: once at opening (catch-up of slots missed while
// the app was closed, each job once, dependencies first), then on a timer.
import type { AppSession } from '../company/session';
import type { OpenCompany } from '../ipc/types';
import { startJob, type RunMode } from './runner';
import { selectCatchUp } from './schedule-rules';
import { ensureSchedules, scheduleStates } from './service';

export interface SchedulerOptions {
  readonly tickMs?: number;
  readonly mode?: RunMode;
}

export class JobScheduler {
  private timer: NodeJS.Timeout | null = null;
  private busy = false;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly session: AppSession,
    private readonly options: SchedulerOptions = {},
  ) {}

  start(): void {
    this.unsubscribe = this.session.events.subscribe((event) => {
      if (event === 'company.changed') void this.tick('CATCH_UP');
    });
    this.timer = setInterval(() => void this.tick('SCHEDULE'), this.options.tickMs ?? 30_000);
    void this.tick('CATCH_UP');
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.unsubscribe?.();
  }

  /** Runs every job whose slot has come, one after another in dependency order. */
  async tick(trigger: 'SCHEDULE' | 'CATCH_UP'): Promise<void> {
    if (this.busy) return;
    let company: OpenCompany;
    try {
      company = this.session.company();
    } catch {
      return;
    }
    this.busy = true;
    try {
      const now = this.session.clock.now();
      await ensureSchedules(company.db, now);
      const due = selectCatchUp(await scheduleStates(company.db), now);
      for (const { name, slot } of due) {
        try {
          const handle = await startJob(
            { company, dataDir: this.session.dataDir, ctx: this.session.context(), ...(this.options.mode ? { mode: this.options.mode } : {}) },
            { name, trigger, slotAt: slot },
          );
          await handle.done;
        } catch {
          // BUSY (another window or the CLI runs it) or the file is closing: nothing was recorded,
          // the next tick tries again.
          // A run that started and failed is in the history and has used up its slot (runner).
        }
      }
    } finally {
      this.busy = false;
    }
  }
}
