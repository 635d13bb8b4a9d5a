// Scheduled job "Abo-Leistungen erzeugen" (DOMAIN §11: every 10 minutes by default). Runs in the
// job worker with its own connection; one transaction per contract, cancellable between contracts.
import type { JobDefinition } from '../jobs/definition';
import { generateActivities } from './generation';

export const ACTIVITIES_JOB = 'activities.generate';

export const activitiesJob: JobDefinition = {
  name: ACTIVITIES_JOB,
  label: 'Abo-Leistungen erzeugen',
  defaultCron: '*/10 * * * *',
  dependsOn: [],
  async run(ctx) {
    const result = await generateActivities(ctx.db, ctx.today, {
      now: ctx.now.toISOString(),
      progress: (current, total) => ctx.progress('Verträge', current, total),
      cancelled: () => ctx.cancelled(),
    });
    return {
      counts: { vertraege: result.contracts, erzeugt: result.created, entfernt: result.removed },
      errors: result.errors.map((e) => `Vertrag ${e.contractNumber}: ${e.message}`),
      message: `${result.created} Leistungen erzeugt`,
    };
  },
};
