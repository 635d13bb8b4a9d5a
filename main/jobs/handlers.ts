import type { jobChannels } from '../../shared/api/jobs';
import type { AreaHandlers, CallContext } from '../ipc/types';
import { cancelRun, startJob } from './runner';
import { runHistory } from './runs';
import { listJobs, updateSchedule } from './service';

const deps = (ctx: CallContext) => ({ company: ctx.company(), dataDir: ctx.session.dataDir, ctx });

export const jobHandlers: AreaHandlers<typeof jobChannels> = {
  'jobs.list': async (_input, ctx) => listJobs(ctx.company().db, ctx.clock.now()),
  'jobs.updateSchedule': async (input, ctx) => {
    const job = await updateSchedule(ctx.company().db, input, { actor: ctx.actor, now: ctx.clock.now() });
    ctx.emit('data.changed', { area: 'jobs' });
    return job;
  },
  'jobs.runNow': async (input, ctx) => {
    const handle = await startJob(deps(ctx), { name: input.name, trigger: 'MANUAL' });
    void handle.done.catch(() => undefined);
    return { runId: handle.runId };
  },
  'jobs.runAndWait': async (input, ctx) => {
    const handle = await startJob(deps(ctx), { name: input.name, trigger: 'CLI' });
    return handle.done;
  },
  'jobs.cancel': async (input) => {
    cancelRun(input.runId);
    return null;
  },
  'jobs.history': async (input, ctx) => runHistory(ctx.company().db.dataSource.manager, input),
};
