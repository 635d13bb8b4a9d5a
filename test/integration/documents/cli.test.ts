import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/cli';
import { openCompanyDb } from '../../../main/db/company-db';
import { sha256Hex } from '../../../main/documents/render';
import { insertInvoice } from './factories';
import { pdfText } from './pdf-text';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, (s) => out.push(s), (s) => err.push(s));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('documents CLI', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'abowerk-documents-cli-'));
    process.env.ABOWERK_DATA_DIR = dir;
    process.env.ABOWERK_ACTOR = 'cli-test';
  });
  afterEach(() => {
    delete process.env.ABOWERK_DATA_DIR;
    rmSync(dir, { recursive: true, force: true });
  });

  it('documents export --invoice <no> --out <file> writes the archived PDF; documents check finds it intact', async () => {
    const profile = ['--name', 'Kiste & Co. GmbH', '--street', 'Am Markt 3', '--zip', '04109', '--city', 'Leipzig', '--tax-number', '231/456/78901', '--iban', 'DE89370400440532013000'];
    const created = await cli('company', 'create', '--kind', 'SANDBOX', ...profile, '--json');
    expect(created.code).toBe(0);
    const filePath = (JSON.parse(created.out) as { filePath: string }).filePath;
    expect((await cli('customers', 'add', '--company-name', 'Alpha GmbH', '--street', 'Weg 1', '--zip', '01067', '--city', 'Dresden')).code).toBe(0);
    const db = await openCompanyDb(filePath);
    try {
      await db.transaction(async (m) => {
        const [customer] = (await m.query(`SELECT id FROM customer`)) as { id: number }[];
        const [account] = (await m.query(`SELECT id FROM customer_account`)) as { id: number }[];
        const [profileRow] = (await m.query(`SELECT value_json FROM settings WHERE key = 'company.profile'`)) as { value_json: string }[];
        await insertInvoice(
          m,
          {
            customerId: customer!.id,
            number: 'RE-2026-000001',
            issueDate: '2026-11-28',
            dueDate: '2026-12-12',
            issuer: JSON.parse(profileRow!.value_json) as object,
            lines: [{ description: 'Abo-Box', quantity: '1', unit: 'MONTH', unitPriceUnits: 840336, netCents: 8403, taxRate: '19', periodStart: '2026-11-01', periodEnd: '2026-11-30' }],
            taxes: [{ rate: '19', netCents: 8403, taxCents: 1597 }],
          },
          account!.id,
        );
      });
    } finally {
      await db.close();
    }
    const out = join(dir, 'rechnung.pdf');
    const exported = await cli('documents', 'export', '--invoice', 'RE-2026-000001', '--out', out, '--json');
    expect(exported.err).toBe('');
    expect(exported.code).toBe(0);
    const pdf = readFileSync(out);
    expect((JSON.parse(exported.out) as { sha256: string }).sha256).toBe(sha256Hex(pdf));
    const text = pdfText(pdf);
    expect(text).toContain('Rechnung Nr. RE-2026-000001');
    expect(text).toContain('Kiste & Co. GmbH');
    expect(text).toContain('Steuernummer: 231/456/78901');
    expect(text).toContain('Rechnungsbetrag 100,00 €');
    const check = await cli('documents', 'check');
    expect(check.out).toContain('1 von 1 Belegen in Ordnung');
    const missing = await cli('documents', 'export', '--invoice', 'RE-2026-999999', '--out', out);
    expect(missing.code).not.toBe(0);
    expect(missing.err).toContain('RE-2026-999999');
  });
});
