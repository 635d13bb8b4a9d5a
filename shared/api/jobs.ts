import { channel, type Page } from './define';
import { pageInput, z } from './zod-de';

export type JobRunState = 'RUNNING' | 'DONE' | 'FAILED' | 'CANCELLED' | 'ABORTED';
export type JobTrigger = 'SCHEDULE' | 'CATCH_UP' | 'MANUAL' | 'CLI';

export interface JobRunDto {
  readonly id: number;
  readonly name: string;
  readonly label: string;
  readonly trigger: JobTrigger;
  readonly state: JobRunState;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly startedBy: string;
  readonly phase: string | null;
  readonly current: number;
  readonly total: number;
  readonly counts: Readonly<Record<string, number>>;
  readonly errors: readonly string[];
  readonly message: string | null;
}

export interface JobDto {
  readonly name: string;
  readonly label: string;
  readonly cron: string;
  /** "täglich um 06:00 Uhr" */
  readonly cronText: string;
  readonly enabled: boolean;
  readonly nextRunAt: string | null;
  readonly dependsOn: readonly string[];
  readonly running: JobRunDto | null;
  readonly lastRun: JobRunDto | null;
}

export const JOB_RUN_STATE_LABELS: Readonly<Record<JobRunState, string>> = {
  RUNNING: 'läuft',
  DONE: 'erfolgreich',
  FAILED: 'fehlgeschlagen',
  CANCELLED: 'abgebrochen',
  ABORTED: 'abgebrochen (ohne Ergebnis)',
};

const jobName = z.string().min(1, { message: 'Auftrag fehlt' }).max(60);

export const jobChannels = {
  'jobs.list': channel<readonly JobDto[]>()(z.object({})),
  'jobs.updateSchedule': channel<JobDto>()(
    z.object({ name: jobName, cron: z.string().trim().min(1, { message: 'Zeitplan fehlt' }).max(100), enabled: z.boolean() }),
  ),
  /** Starts the job in the background; progress arrives as job.progress events. */
  'jobs.runNow': channel<{ readonly runId: number }>()(z.object({ name: jobName })),
  /** Runs the job and answers when it has finished (CLI, automation). */
  'jobs.runAndWait': channel<JobRunDto>()(z.object({ name: jobName })),
  'jobs.cancel': channel<null>()(z.object({ runId: z.number().int().positive() })),
  'jobs.history': channel<Page<JobRunDto>>()(z.object({ name: jobName.optional(), ...pageInput })),
};
