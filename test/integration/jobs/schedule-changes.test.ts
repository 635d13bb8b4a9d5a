import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JobScheduler } from '../../../main/jobs/scheduler';
import { createTestCompany, type TestCompany } from '../../support/company';

describe('a schedule the user changes counts from the change (DOMAIN §11)', () => {
  let t: TestCompany;
  let scheduler: JobScheduler;
  beforeEach(async () => {
    t = await createTestCompany({ now: '2026-11-28T09:00:00Z' });
    scheduler = new JobScheduler(t.session, { tickMs: 3_600_000, mode: 'inline' });
    await t.call('jobs.list', {}); // schedules start counting now
  });
  afterEach(async () => {
    scheduler.stop();
    await t.close();
  });

  const backupRuns = async () => (await t.call('jobs.history', { name: 'company.backup' })).total;

  it('moving the nightly backup from 22:00 to 23:00 after it ran does not run it again that night', async () => {
    t.clock.set('2026-11-28T21:00:30Z'); // 22:00:30 Berlin
    await scheduler.tick('SCHEDULE');
    expect(await backupRuns()).toBe(1);
    t.clock.set('2026-11-28T22:30:00Z'); // 23:30 Berlin
    const job = await t.call('jobs.updateSchedule', { name: 'company.backup', cron: '0 23 * * *', enabled: true });
    expect(job.nextRunAt).toBe('2026-11-29T22:00:00.000Z');
    await scheduler.tick('SCHEDULE');
    expect(await backupRuns()).toBe(1);
    t.clock.set('2026-11-29T22:00:30Z'); // the next night at 23:00 it runs
    await scheduler.tick('SCHEDULE');
    expect(await backupRuns()).toBe(2);
  });

  it('switching a job back on does not run it for the slots that passed while it was off', async () => {
    await t.call('jobs.updateSchedule', { name: 'company.backup', cron: '0 22 * * *', enabled: false });
    t.clock.set('2026-12-05T09:00:00Z');
    await t.call('jobs.updateSchedule', { name: 'company.backup', cron: '0 22 * * *', enabled: true });
    await scheduler.tick('SCHEDULE');
    expect(await backupRuns()).toBe(0);
    t.clock.set('2026-12-05T21:00:30Z'); // tonight 22:00 it runs
    await scheduler.tick('SCHEDULE');
    expect(await backupRuns()).toBe(1);
  });

  it('saving the same schedule again keeps a slot that is due', async () => {
    t.clock.set('2026-11-28T21:00:30Z'); // 22:00:30 Berlin, the backup is due
    await t.call('jobs.updateSchedule', { name: 'company.backup', cron: '0 22 * * *', enabled: true });
    await scheduler.tick('SCHEDULE');
    expect(await backupRuns()).toBe(1);
  });
});
