// `npm run start:web`: the whole UI in a browser on this machine, where no Electron binary exists.
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { defaultDataDir } from '../company/data-dir';
import { AppSession } from '../company/session';
import { clockFromEnv } from '../ipc/clock';
import { EventBus } from '../ipc/event-bus';
import { handlers } from '../ipc/handlers';
import { createRouter } from '../ipc/router';
import { JobScheduler } from '../jobs/scheduler';
import { startWebHost } from './server';

async function main(): Promise<void> {
  const session = new AppSession(defaultDataDir(), clockFromEnv(), userInfo().username, new EventBus());
  await session.reopenLast();
  // ABOWERK_NO_SCHEDULER=1 keeps jobs to "Jetzt ausführen" (e2e tests pin the clock).
  const scheduler = process.env.ABOWERK_NO_SCHEDULER === '1' ? null : new JobScheduler(session);
  scheduler?.start();
  const port = process.env.ABOWERK_PORT ? Number(process.env.ABOWERK_PORT) : 0;
  const host = await startWebHost({ session, router: createRouter(handlers), staticDir: join(__dirname, '..', 'renderer'), port });
  process.stdout.write(`Abowerk läuft unter ${host.url}\n`);
  const stop = async () => {
    scheduler?.stop();
    await host.close();
    await session.shutdown();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

void main().catch((error: unknown) => {
  process.stderr.write(`Abowerk konnte nicht starten: ${String(error)}\n`);
  process.exit(1);
});
