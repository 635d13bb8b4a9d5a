// Events main pushes to every window (and to web-host clients over server-sent events).
import type { CompanyInfo } from './company';

export interface JobProgress {
  readonly jobId: string;
  /** Job kind, e.g. 'billing.run', 'bank.import'. */
  readonly kind: string;
  readonly phase: string;
  readonly current: number;
  readonly total: number;
  readonly state: 'running' | 'done' | 'failed' | 'cancelled';
  readonly message?: string;
}

export interface AppEvents {
  'company.changed': { readonly info: CompanyInfo | null };
  /** Something in an area changed; open lists reload. */
  'data.changed': { readonly area: string };
  'job.progress': JobProgress;
}

export type AppEventName = keyof AppEvents;
export const APP_EVENT_NAMES: readonly AppEventName[] = ['company.changed', 'data.changed', 'job.progress'];
