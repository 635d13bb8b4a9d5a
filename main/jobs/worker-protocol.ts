import type { CompanyKind } from '../../shared/api/company';
import type { AppErrorData } from '../../shared/errors';
import type { JobResult } from './definition';

export type ToWorker =
  | {
      readonly type: 'start';
      readonly name: string;
      readonly runId: number;
      readonly filePath: string;
      readonly today: string;
      readonly now: string;
      readonly actor: string;
      readonly dataDir: string;
      readonly companyKind: CompanyKind;
    }
  | { readonly type: 'cancel' };

export type ToMain =
  | { readonly type: 'progress'; readonly phase: string; readonly current: number; readonly total: number }
  | { readonly type: 'done'; readonly result: JobResult; readonly cancelled: boolean }
  | { readonly type: 'failed'; readonly error: AppErrorData; readonly detail?: string };
