import type { CompanyKind } from '../../shared/api/company';
import type { JobRunDto } from '../../shared/api/jobs';
import type { IsoDate } from '../../shared/dates';
import type { CompanyDb } from '../db/company-db';

export interface JobContext {
  /** The job's own connection (in the worker thread). */
  readonly db: CompanyDb;
  /** This run's id in the job history (job_run), for records that must point back to it. */
  readonly runId: number;
  /** The day the job works for: today, or the date its starter asked for (the Rechnungslauf page's Stichtag). */
  readonly today: IsoDate;
  readonly now: Date;
  readonly actor: string;
  readonly dataDir: string;
  readonly companyKind: CompanyKind;
  /** Throttled by the runner; call it as often as you like. */
  progress(phase: string, current: number, total: number): void;
  /** True once the user cancelled: stop between units, leaving nothing half written. */
  cancelled(): boolean;
}

export interface JobResult {
  readonly counts: Readonly<Record<string, number>>;
  readonly errors: readonly string[];
  readonly message?: string;
}

export interface JobDefinition {
  readonly name: string;
  /** German label for lists and messages. */
  readonly label: string;
  readonly defaultCron: string;
  readonly dependsOn: readonly string[];
  /** Data areas the job writes: their screens are told to reload when it ends, however it was started. */
  readonly changes?: readonly string[];
  /** The job to start after a run of this one (its result decides), on the same company file. */
  readonly followUp?: (run: JobRunDto) => string | null;
  run(ctx: JobContext): Promise<JobResult>;
}
