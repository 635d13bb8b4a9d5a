// Conformance: every statement file of ../shared/conformance (camt, mt940, bank-csv) either
// imports with plausible totals — matching genkgo/camt's JSON expectations where they exist —
// or, where the corpus README marks it as intentionally broken, is refused with a clear message.
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseStatementFile, allTransactions, type ParsedFile } from '../../main/bank/parsers';
import { AppError } from '../../shared/errors';
import { Decimal } from '../../shared/money';
import { isIsoDate } from '../../shared/dates';

const dir = resolve(process.env.ABOWERK_CONFORMANCE_DIR ?? '../shared/conformance');
if (!existsSync(join(dir, 'camt'))) {
  throw new Error(`Konformitätsdateien fehlen: ${dir} (ABOWERK_CONFORMANCE_DIR setzen; erwartet werden die Ordner camt, mt940, bank-csv).`);
}

function walk(d: string): string[] {
  return readdirSync(d)
    .sort()
    .flatMap((f) => {
      const p = join(d, f);
      return statSync(p).isDirectory() ? walk(p) : [p];
    });
}

const statementFiles = ['camt', 'mt940', 'bank-csv']
  .flatMap((sub) => walk(join(dir, sub)))
  .filter((f) => !/\/xsd\//.test(f) && !/\.(json|md)$/.test(f) && !/LICEN[CS]E/i.test(f))
  .map((f) => relative(dir, f));

/**
 * README: "INVALID on purpose", "invalid statement (must be rejected)", "empty non-SWIFT file".
 * The two ING exports hold a booked credit (28.11.2025 „RV-RENTE“, 2.647,74 €) whose row lacks
 * the Buchungstext column, so its amount column reads „EUR“; skipping that row would lose the
 * money (the file's 20 rows sum to +1362.53, without it to −1285.21), so the file is refused.
 */
const REFUSED: Readonly<Record<string, RegExp>> = {
  'camt/genkgo-camt/samples/camt053.v2.wrong.xml': /enthält keinen Auszug \(<Stmt> fehlt\)/,
  'mt940/wolph-mt940/self-provided/invalid_statement.sta': /keine MT940-Datei/,
  'mt940/wolph-mt940/self-provided/empty_non_swift.sta': /keine MT940-Datei/,
  'bank-csv/rechnungspilot/ing.csv': /^Zeile 22: Betrag „EUR“ ist keine gültige Zahl \(der Zeile fehlt eine Spalte\)\. Die Datei wurde nicht eingelesen/,
  'bank-csv/rechnungspilot/ing-mit-saldo.csv': /^Zeile 23: Betrag „EUR“ ist keine gültige Zahl \(der Zeile fehlt eine Spalte\)\. Die Datei wurde nicht eingelesen/,
};

/**
 * Batch entries (one <Ntry>, three <TxDtls>) whose details do not make up the entry — the
 * entry is 200000 SEK, the details carry no amount (v2) or CHF amounts (v4, v8) — are kept as
 * one transaction, as genkgo reads them, and are never booked automatically.
 */
const KEPT_WHOLE: Readonly<Record<string, RegExp>> = {
  'camt/genkgo-camt/samples/camt054.v2.xml': /Sammelbuchung mit 3 Einzelumsätzen als ein Umsatz übernommen, weil bei Einzelumsatz 1 der Betrag fehlt/,
  'camt/genkgo-camt/samples/camt054.v4.xml': /Sammelbuchung mit 3 Einzelumsätzen als ein Umsatz übernommen, weil Einzelumsatz 1 auf CHF statt SEK lautet/,
  'camt/genkgo-camt/samples/camt054.v8.xml': /Sammelbuchung mit 3 Einzelumsätzen als ein Umsatz übernommen, weil Einzelumsatz 1 auf CHF statt SEK lautet/,
};

/** Bank CSV exports: count and sum of the rows (cross-checked: the VR .csv and .mta of the same account agree). The ING files are in REFUSED. */
const CSV_TOTALS: Readonly<Record<string, [number, string]>> = {
  'commerzbank.csv': [7, '-73.74'],
  'dkb.csv': [8, '50.43'],
  'gls-bank.csv': [18, '-590.22'],
  // Without the rows not yet booked (PayPal „Ausstehend“ -13,21 and -12,50; Sparkasse „Umsatz vorgemerkt“
  // -99,80, -1.143,41 and -10,57): §9 stores each transaction once, the booked row comes later.
  'paypal.csv': [9, '0.94'],
  'sparda-bank-west.csv': [20, '-15316.35'],
  'sparkasse-lzo-camt-v2.csv': [7, '332.51'],
  'sparkasse-lzo-camt-v8.csv': [7, '332.51'],
  'sparkasse-lzo-mt940.csv': [7, '332.51'],
  'targobank-duesseldorf-variation.csv': [11, '-618.18'],
  'targobank-duesseldorf.csv': [11, '-618.18'],
  'vr-teilhaberbank.csv': [5, '-341.91'],
};

/** Rows of the bank CSV exports not taken over because the bank has not booked them yet. */
const CSV_PENDING: Readonly<Record<string, number>> = { 'paypal.csv': 2, 'sparkasse-lzo-camt-v2.csv': 3, 'sparkasse-lzo-camt-v8.csv': 3, 'sparkasse-lzo-mt940.csv': 3 };

const sumOf = (file: ParsedFile) => allTransactions(file).reduce((s, t) => s.plus(t.amount), new Decimal(0));

function plausible(file: ParsedFile): void {
  for (const st of file.statements) {
    for (const t of st.transactions) {
      expect(isIsoDate(t.bookingDate)).toBe(true);
      expect(t.amount.isFinite()).toBe(true);
      expect(t.currency).toMatch(/^[A-Z]{3}$/);
    }
    // Balances that do not add up are never silent: they come with a warning.
    if (st.openingBalance && st.closingBalance && st.openingBalance.currency === st.closingBalance.currency) {
      const total = st.transactions.reduce((s, t) => s.plus(t.amount), new Decimal(0));
      if (!st.openingBalance.amount.plus(total).eq(st.closingBalance.amount)) expect(file.warnings.join('\n')).toMatch(/Saldo|Endsaldo/);
    }
  }
}

describe('bank statement conformance corpus', () => {
  it('finds the statement files', () => {
    expect(statementFiles.length).toBeGreaterThan(100);
  });

  for (const rel of statementFiles) {
    it(rel, () => {
      const bytes = readFileSync(join(dir, rel));
      const expected = REFUSED[rel];
      if (expected) {
        let error: unknown;
        try {
          parseStatementFile(bytes, { fileName: rel });
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(AppError);
        expect((error as AppError).message).toMatch(expected);
        return;
      }
      const file = parseStatementFile(bytes, { fileName: rel });
      plausible(file);
      const keptWhole = KEPT_WHOLE[rel];
      if (keptWhole) {
        expect(allTransactions(file).map((t) => [t.amount.toFixed(2), t.currency, t.manualOnly])).toEqual([['-200000.00', 'SEK', true]]);
        expect(file.warnings.join('\n')).toMatch(keptWhole);
      } else {
        expect(allTransactions(file).filter((t) => t.manualOnly)).toEqual([]);
      }
      const csv = CSV_TOTALS[rel.split('/').pop() ?? ''];
      if (rel.startsWith('bank-csv/')) {
        expect(csv, `expected totals for ${rel}`).toBeDefined();
        expect([allTransactions(file).length, sumOf(file).toFixed(2)]).toEqual([csv?.[0], new Decimal(csv?.[1] ?? '0').toFixed(2)]);
        const pending = CSV_PENDING[rel.split('/').pop() ?? ''] ?? 0;
        expect(file.warnings.filter((w) => w.includes('vorgemerkt'))).toEqual(
          pending > 0 ? [`${pending} Umsätze nicht übernommen – vorgemerkt, noch nicht gebucht. Gebuchte Umsätze kommen mit einem späteren Export.`] : [],
        );
      }
      const json = join(dir, rel.replace(/\.xml$/, '.json'));
      if (rel.startsWith('camt/genkgo-camt/') && existsSync(json)) compareWithGenkgo(file, JSON.parse(readFileSync(json, 'utf8')));
    });
  }
});

interface GenkgoMoney {
  getAmount: string;
  getCurrency: { getCode: string };
}
interface GenkgoEntry {
  getIndex: number;
  getStatus: string;
  getAmount: GenkgoMoney;
  getCreditDebitIndicator: string;
  getBookingDate: { 0: string } | null;
  getValueDate: { 0: string } | null;
  getAccountServicerReference: string | null;
  getRecord: { getId: string; getAccount: { getIdentification: string } | null; getBalances?: { getType: string; getAmount: GenkgoMoney }[] };
}

/** Entries the bank has not booked yet: not imported (§9 stores each transaction once; the booked one comes later). */
const notBooked = (e: GenkgoEntry) => e.getStatus === 'PDNG' || e.getStatus === 'INFO';

function compareWithGenkgo(file: ParsedFile, json: { getEntries: GenkgoEntry[] }): void {
  const pending = json.getEntries.filter(notBooked).length;
  if (pending > 0) expect(file.warnings.join('\n')).toContain(`${pending === 1 ? '1 Umsatz' : `${pending} Umsätze`} nicht übernommen – vorgemerkt, noch nicht gebucht`);
  for (const e of json.getEntries) {
    const st = file.statements.find((s) => s.statementId === e.getRecord.getId);
    expect(st, `statement ${e.getRecord.getId}`).toBeDefined();
    // The corpus has no batch whose details make up the entry, so each booked entry is one transaction, in order.
    const bookedOfRecord = json.getEntries.filter((b) => b.getRecord.getId === e.getRecord.getId && !notBooked(b));
    expect(st?.transactions, `statement ${e.getRecord.getId}`).toHaveLength(bookedOfRecord.length);
    if (notBooked(e)) continue;
    const tx = st?.transactions[bookedOfRecord.filter((b) => b.getIndex < e.getIndex).length];
    expect(tx, `entry ${e.getIndex}`).toBeDefined();
    if (!st || !tx) continue;
    // genkgo gives minor units, signed by the debit/credit indicator.
    expect(tx.amount.times(100).toFixed(0)).toBe(new Decimal(e.getAmount.getAmount).toFixed(0));
    expect(tx.currency).toBe(e.getAmount.getCurrency.getCode);
    expect(tx.amount.isNegative() || tx.amount.isZero() ? 'DBIT' : 'CRDT').toBe(tx.amount.isZero() ? 'DBIT' : e.getCreditDebitIndicator);
    if (e.getBookingDate) expect(tx.bookingDate).toBe(e.getBookingDate[0].slice(0, 10));
    if (e.getValueDate) expect(tx.valueDate).toBe(e.getValueDate[0].slice(0, 10));
    if (e.getAccountServicerReference) expect(tx.bankReference).toBe(e.getAccountServicerReference);
    if (e.getRecord.getAccount) expect(st.accountId).toBe(e.getRecord.getAccount.getIdentification);
    // The first opening (OPBD before PRCD) and the closing booked balance.
    for (const type of ['opening', 'closing'] as const) {
      const b = (e.getRecord.getBalances ?? []).find((x) => x.getType === type);
      const mine = type === 'opening' ? st.openingBalance : st.closingBalance;
      if (b && b.getAmount.getCurrency.getCode === mine?.currency) expect(mine.amount.times(100).toFixed(0)).toBe(new Decimal(b.getAmount.getAmount).toFixed(0));
    }
  }
}
