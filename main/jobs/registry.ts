// Every scheduled job. Areas add theirs here; the order is irrelevant (dependsOn orders them).
import type { JobDefinition } from './definition';
import { billingJob } from '../billing/job';
import { activitiesJob } from '../contracts/job';
import { backupJob } from './definitions/backup-job';
import { archiveDocumentsJob, checkArchiveJob } from '../documents/jobs';

export const jobDefinitions: readonly JobDefinition[] = [backupJob, archiveDocumentsJob, checkArchiveJob, activitiesJob, billingJob];

export function jobDefinition(name: string): JobDefinition | undefined {
  return jobDefinitions.find((j) => j.name === name);
}
