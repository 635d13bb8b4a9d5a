import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCompany, TEST_PROFILE, type TestCompany } from '../../support/company';

describe('a job running while its company file is closed, switched or restored', () => {
  let t: TestCompany;
  let file: string;
  beforeEach(async () => {
    t = await createTestCompany({ now: '2026-11-28T09:00:00Z' });
    file = t.session.company().db.filePath;
  });
  afterEach(async () => t.close());

  async function backupRun(runId: number) {
    return (await t.call('jobs.history', { name: 'company.backup' })).rows.find((r) => r.id === runId);
  }

  it('closing waits for the run: it is DONE in the file, and after reopening the job starts again', async () => {
    const { runId } = await t.call('jobs.runNow', { name: 'company.backup' });
    await t.call('company.close', {});
    await t.call('company.open', { filePath: file });
    expect((await backupRun(runId))?.state).toBe('DONE');
    expect((await t.call('jobs.list', {})).find((j) => j.name === 'company.backup')?.running).toBeNull();
    expect((await t.call('jobs.runAndWait', { name: 'company.backup' })).state).toBe('DONE');
  });

  it('switching to another company file records the run in the file it ran in', async () => {
    const { runId } = await t.call('jobs.runNow', { name: 'company.backup' });
    await t.call('company.create', { kind: 'SANDBOX', profile: { ...TEST_PROFILE, name: 'Sandbox GmbH' }, filePath: join(t.dir, 'sandbox.abowerk') });
    await t.call('company.open', { filePath: file });
    expect((await backupRun(runId))?.state).toBe('DONE');
  });

  it('restoring a nightly backup (copied while its own run was RUNNING) leaves no job "läuft bereits"', async () => {
    const nightly = await t.call('jobs.runAndWait', { name: 'company.backup' });
    t.clock.set('2026-11-28T10:00:00Z');
    await t.call('transfer.restore', { path: nightly.message ?? '', confirm: true });
    const jobs = await t.call('jobs.list', {});
    expect(jobs.find((j) => j.name === 'company.backup')?.running).toBeNull();
    expect((await backupRun(nightly.id))?.state).toBe('ABORTED');
    expect((await t.call('jobs.runAndWait', { name: 'company.backup' })).state).toBe('DONE');
  });
});
