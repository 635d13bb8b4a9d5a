// The Rechnungslauf page starts the billing run as the billing job (worker thread, progress
// events) for its Stichtag, and shows the run's report once the job has finished.
import { afterEach, describe, expect, it } from 'vitest';
import type { JobProgress } from '../../../shared/api/events';
import type { JobRunDto } from '../../../shared/api/jobs';
import { createTestCompany, fieldErrorOf, type TestCompany } from '../../support/company';
import { aCatalog, aContract, anArticle, anItem } from './support';

let t: TestCompany;
afterEach(async () => t.close());

/** The job run once it has finished (the handler answers as soon as it has started). */
async function finished(jobRunId: number): Promise<JobRunDto> {
  for (;;) {
    const run = (await t.call('jobs.history', { name: 'billing.run' })).rows.find((r) => r.id === jobRunId);
    if (run && run.state !== 'RUNNING') return run;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('billing.startRun: the billing run as a job', () => {
  it('bills for the Stichtag, not for today, reports progress as the billing job, and its report is the run’s; a second run is its own report', async () => {
    t = await createTestCompany({ now: '2026-11-28T09:00:00Z' });
    const cat = await aCatalog(t);
    const contract = await aContract(t, cat, { startDate: '2026-03-01' });
    await t.call('contracts.addItem', { contractId: contract.id, item: anItem(await anArticle(t, cat, '10'), '2026-03-01') });
    const progress: JobProgress[] = [];
    t.events.subscribe((event, payload) => {
      if (event === 'job.progress') progress.push(payload as JobProgress);
    });

    const { jobRunId } = await t.call('billing.startRun', { date: '2026-03-01' });
    const job = await finished(jobRunId);
    const run = await t.call('billing.runOfJob', { jobRunId });

    expect([job.trigger, job.state, job.counts]).toEqual(['MANUAL', 'DONE', { vertraege: 1, rechnungen: 1 }]);
    expect([run?.kind, run?.runDate, run?.invoicesCreated, run?.gross]).toEqual(['RUN', '2026-03-01', 1, '11.90']);
    expect(progress.filter((p) => p.jobId === String(jobRunId)).map((p) => [p.kind, p.state]).at(-1)).toEqual(['billing.run', 'done']);
    expect(progress.some((p) => p.jobId === String(jobRunId) && p.state === 'running' && p.total === 1 && p.current === 1)).toBe(true);

    const again = await t.call('billing.startRun', { date: '2026-03-01' });
    await finished(again.jobRunId);
    const second = await t.call('billing.runOfJob', { jobRunId: again.jobRunId });
    expect([second?.id === run?.id, second?.invoicesCreated]).toEqual([false, 0]);
  });

  it("the report of a job stays its own when another run (the CLI's billing.run) starts in the same millisecond", async () => {
    t = await createTestCompany({ now: '2026-11-28T09:00:00Z' });
    const cat = await aCatalog(t);
    const contract = await aContract(t, cat, { startDate: '2026-03-01' });
    await t.call('contracts.addItem', { contractId: contract.id, item: anItem(await anArticle(t, cat, '10'), '2026-03-01') });
    const { jobRunId } = await t.call('billing.startRun', { date: '2026-03-01' });
    await finished(jobRunId);
    const mine = await t.call('billing.runOfJob', { jobRunId });
    // The test clock stands still: the same instant and the same user.
    await t.call('billing.run', { date: '2026-03-01' });
    const again = await t.call('billing.runOfJob', { jobRunId });
    expect([again?.id, again?.invoicesCreated]).toEqual([mine?.id, 1]);
  });

  it('started from Aufträge as well, the run announces billing and ledger changes and its PDFs go to the archive job', async () => {
    t = await createTestCompany({ now: '2026-03-01T09:00:00Z' });
    const cat = await aCatalog(t);
    const contract = await aContract(t, cat, { startDate: '2026-03-01' });
    await t.call('contracts.addItem', { contractId: contract.id, item: anItem(await anArticle(t, cat, '10'), '2026-03-01') });
    const areas: string[] = [];
    t.events.subscribe((event, payload) => {
      if (event === 'data.changed') areas.push((payload as { area: string }).area);
    });

    const job = await t.call('jobs.runAndWait', { name: 'billing.run' });
    expect(job.counts).toEqual({ vertraege: 1, rechnungen: 1 });
    expect(areas).toEqual(expect.arrayContaining(['jobs', 'billing', 'ledger']));
    // The archive job follows on its own; nobody waits for it.
    for (let i = 0; i < 200 && (await t.call('jobs.history', { name: 'documents.archive' })).total === 0; i++) await new Promise((r) => setTimeout(r, 20));
    const archive = (await t.call('jobs.history', { name: 'documents.archive' })).rows[0];
    expect(archive?.trigger).toBe('MANUAL');
    for (let i = 0; i < 200 && (await t.call('jobs.history', { name: 'documents.archive' })).rows[0]?.state === 'RUNNING'; i++) await new Promise((r) => setTimeout(r, 20));
    const [document] = (await t.call('documents.list', {})).rows;
    expect(document?.archivedAt).not.toBeNull();
  });

  it('refuses a missing Stichtag at its field in German, and answers only for billing jobs', async () => {
    t = await createTestCompany({ now: '2026-11-28T09:00:00Z' });
    expect(fieldErrorOf(await t.tryCall('billing.startRun', { date: '31.02.2026' }), 'date')).toBe('Kein gültiges Datum (TT.MM.JJJJ)');
    const backup = await t.call('jobs.runAndWait', { name: 'company.backup' });
    expect(await t.tryCall('billing.runOfJob', { jobRunId: backup.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
