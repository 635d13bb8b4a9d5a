// `npm run bench [name…]`: the one benchmark entry point. Each area registers its benches here.
import { billingBench } from './billing.bench';
import { camtBench } from './camt.bench';
import { catalogBench } from './catalog.bench';
import { contractsBench } from './contracts.bench';
import { csvimportBench } from './csvimport.bench';
import { customersBench } from './customers.bench';
import { datevBench } from './datev.bench';
import { invoicesBench } from './invoices.bench';
import { pdfBench } from './pdf.bench';
import type { Bench } from './support';

const benches: readonly Bench[] = [customersBench, catalogBench, contractsBench, billingBench, invoicesBench, camtBench, csvimportBench, pdfBench, datevBench];

async function main(): Promise<void> {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const selected = wanted.length ? benches.filter((b) => wanted.includes(b.name)) : benches;
  if (selected.length === 0) {
    process.stderr.write(`Unbekannter Benchmark. Vorhanden: ${benches.map((b) => b.name).join(', ')}\n`);
    process.exit(2);
  }
  for (const bench of selected) await bench.run();
}

void main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
