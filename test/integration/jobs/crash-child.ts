// Child process of the crash-safety harness: one billing run on the given date, nothing else.
// The parent kills it with SIGKILL at a random moment.
import { runBilling } from '../../../main/billing/service';
import { openCompanyDb } from '../../../main/db/company-db';

async function main(): Promise<void> {
  const [file, date] = process.argv.slice(2);
  if (!file || !date) throw new Error('Aufruf: crash-child <Firmendatei> <Datum>');
  const db = await openCompanyDb(file);
  process.stdout.write('started\n');
  const run = await runBilling(db, { date }, { actor: 'crash-test', at: `${date}T06:00:00.000Z` });
  await db.close();
  process.stdout.write(`done ${run.invoicesCreated}\n`);
}

void main().catch((error: unknown) => {
  process.stderr.write(String((error as Error).stack ?? error));
  process.exit(1);
});
