// DOMAIN §7: "A contract that fails (missing price, missing VAT ID) is skipped and reported with
// the reason; the rest proceeds. The run keeps a report." Billing is transactional, and §11: a
// scheduled run that fails is recorded, not repeated on every tick.
import { afterEach, describe, expect, it } from 'vitest';
import { runBilling } from '../../../main/billing/service';
import { JobScheduler } from '../../../main/jobs/scheduler';
import { createTestCompany, TEST_PROFILE, type TestCompany } from '../../support/company';
import { aCatalog, aContract, aCustomer, anArticle, anItem, aProductGroup, billOn, invoicesOf, seedContracts, type Catalog } from './support';

const NO_PROFILE = 'Die Firmendatei hat kein Firmenprofil.';

let t: TestCompany;
afterEach(async () => t.close());

/** A customer who collects all contracts on one invoice (Sammelrechnung), without VAT ID. */
async function aCollectiveCustomer(name: string): Promise<number> {
  const customerId = await aCustomer(t, name);
  const customer = await t.call('customers.get', { id: customerId });
  await t.call('customers.update', { id: customerId, customer: { ...customer, collectiveInvoicing: true } });
  return customerId;
}

/** An article whose only tax rate ended on 31.12.2025: it cannot be invoiced for 2026. */
async function anUntaxableArticle(cat: Catalog): Promise<number> {
  const taxGroup = await t.call('catalog.saveTaxGroup', {
    taxGroup: { code: 'OLD', name: 'Alt', accountSkr03: '8400', accountSkr04: '4400', rates: [{ rate: '19', validFrom: null, validTo: '2025-12-31' }] },
  });
  const productGroupId = (await t.call('catalog.saveProductGroup', { productGroup: { name: 'Alt', taxGroupId: taxGroup.id } })).id;
  return anArticle(t, cat, '10', { productGroupId });
}

async function aContractWith(cat: Catalog, articleId: number, customerId?: number) {
  const contract = await aContract(t, cat, { startDate: '2026-01-01', ...(customerId === undefined ? {} : { customerId }) });
  await t.call('contracts.addItem', { contractId: contract.id, item: anItem(articleId, '2026-01-01') });
  return contract;
}

/** The article's price disappears after its activities were generated (here: it is now CHF only). */
function removeEuroPrice(articleId: number): void {
  t.session.company().db.raw.prepare(`UPDATE price_variant SET currency = 'CHF' WHERE article_id = ?`).run(articleId);
}

/** A damaged file: the app never deletes the profile, but a run must cope without it. */
function removeCompanyProfile(): void {
  t.session.company().db.raw.prepare(`DELETE FROM settings WHERE key = 'company.profile'`).run();
}

function activityStates(contractId: number): string[] {
  const rows = t.session.company().db.raw.prepare(`SELECT due_date, state, invoice_id FROM activity WHERE contract_id = ? ORDER BY due_date`).all(contractId) as { due_date: string; state: string; invoice_id: number | null }[];
  return rows.map((r) => `${r.due_date} ${r.state} ${r.invoice_id ?? '-'}`);
}

function billingRunRows(): unknown[] {
  return t.session.company().db.raw.prepare(`SELECT id, finished_at, contracts_seen, invoices_created, gross_cents, errors_json FROM billing_run ORDER BY id`).all();
}

describe('failing contracts in a billing run (DOMAIN §7)', () => {
  it('Sammelrechnung: only the failing contracts are left out, each with its own reason; the others are invoiced together', async () => {
    t = await createTestCompany({ now: '2026-01-01T09:00:00Z' });
    const cat = await aCatalog(t);
    const customerId = await aCollectiveCustomer('Sammel GmbH');
    const untaxable = await aContractWith(cat, await anUntaxableArticle(cat), customerId);
    const twenty = await aContractWith(cat, await anArticle(t, cat, '20'), customerId);
    const reverseCharge = await aContractWith(cat, await anArticle(t, cat, '100', { productGroupId: await aProductGroup(t, 'EU B2B', 'EU_REVERSE_CHARGE') }), customerId);
    const ten = await aContractWith(cat, await anArticle(t, cat, '10'), customerId);

    const run = await billOn(t, '2026-01-01');

    expect(run.errors).toEqual([
      {
        contractId: untaxable.id,
        contractNumber: untaxable.number,
        customerName: 'Sammel GmbH',
        reason: 'Für die Steuergruppe „Alt“ ist zum 31.01.2026 kein Steuersatz hinterlegt. Bitte unter Artikelverwaltung → Steuergruppen einen Steuersatz mit passendem Gültigkeitszeitraum anlegen.',
      },
      { contractId: reverseCharge.id, contractNumber: reverseCharge.number, customerName: 'Sammel GmbH', reason: expect.stringMatching(/^Reverse Charge ohne USt-IdNr\. des Kunden nicht möglich/) },
    ]);
    expect([run.contractsSeen, run.invoicesCreated, run.net, run.tax, run.gross]).toEqual([4, 1, '30.00', '5.70', '35.70']);
    const [invoice, ...others] = await invoicesOf(t, customerId);
    expect(others).toEqual([]);
    expect([invoice!.number, invoice!.contractId, invoice!.gross]).toEqual(['RE-2026-000001', null, '35.70']);
    expect(invoice!.lines.map((l) => [l.contractId, l.net])).toEqual([
      [twenty.id, '20.00'],
      [ten.id, '10.00'],
    ]);
    // What was left out stays open for a later run.
    expect(activityStates(untaxable.id)[0]).toBe('2026-01-01 OPEN -');
    expect(activityStates(reverseCharge.id)[0]).toBe('2026-01-01 OPEN -');
  });

  it('a contract whose activities cannot be generated in the run is reported once and not billed: its older open activities stay open', async () => {
    t = await createTestCompany({ now: '2026-01-01T09:00:00Z' });
    const cat = await aCatalog(t);
    const vanishing = await anArticle(t, cat, '10');
    const failing = await aContractWith(cat, vanishing);
    const healthy = await aContractWith(cat, await anArticle(t, cat, '20'));
    expect(activityStates(failing.id)).toEqual(['2026-01-01 OPEN -', '2026-02-01 OPEN -']);
    removeEuroPrice(vanishing);

    const run = await billOn(t, '2026-01-01');

    expect(run.errors).toEqual([{ contractId: failing.id, contractNumber: failing.number, customerName: 'Blumen Meier GmbH', reason: expect.stringContaining('konnte kein Preis in EUR für Menge 1 zum 01.01.2026 ermittelt') }]);
    expect([run.contractsSeen, run.invoicesCreated, run.gross]).toEqual([2, 1, '23.80']);
    expect(await invoicesOf(t, failing.customerId)).toEqual([]);
    expect(activityStates(failing.id)).toEqual(['2026-01-01 OPEN -', '2026-02-01 OPEN -']);
    expect((await invoicesOf(t, healthy.customerId)).map((i) => i.gross)).toEqual(['23.80']);
  });

  it('Sammelrechnung: a contract whose generation fails is left out, the customer’s other contract is invoiced', async () => {
    t = await createTestCompany({ now: '2026-01-01T09:00:00Z' });
    const cat = await aCatalog(t);
    const customerId = await aCollectiveCustomer('Sammel GmbH');
    const vanishing = await anArticle(t, cat, '10');
    const failing = await aContractWith(cat, vanishing, customerId);
    const healthy = await aContractWith(cat, await anArticle(t, cat, '20'), customerId);
    removeEuroPrice(vanishing);

    const run = await billOn(t, '2026-01-01');

    expect(run.errors.map((e) => e.contractId)).toEqual([failing.id]);
    expect([run.invoicesCreated, run.gross]).toEqual([1, '23.80']);
    const invoices = await invoicesOf(t, customerId);
    expect(invoices.map((i) => i.lines.map((l) => l.contractId))).toEqual([[healthy.id]]);
    expect(activityStates(failing.id)[0]).toBe('2026-01-01 OPEN -');
  });
});

describe('a billing run that fails as a whole (DOMAIN §7: nothing half written)', () => {
  it('failing before anything is committed: the call fails with the reason, no run record and nothing billed are left behind', async () => {
    t = await createTestCompany({ now: '2026-01-01T09:00:00Z' });
    const cat = await aCatalog(t);
    const contract = await aContractWith(cat, await anArticle(t, cat, '10'));
    removeCompanyProfile();

    const failed = await t.tryCall('billing.run', { date: '2026-01-01' });

    expect(failed).toEqual({ ok: false, error: expect.objectContaining({ code: 'INTEGRITY', message: NO_PROFILE }) });
    expect(billingRunRows()).toEqual([]);
    expect(activityStates(contract.id)[0]).toBe('2026-01-01 OPEN -');
    // Repaired, the next run bills it and is the only run on record.
    await t.call('company.updateProfile', { profile: TEST_PROFILE });
    const run = await billOn(t, '2026-01-01');
    expect([run.invoicesCreated, run.errors]).toEqual([1, []]);
    expect((await t.call('billing.runs', {})).total).toBe(1);
  });

  it('failing after a committed chunk: the run record is finished with the invoices it issued and why the rest was not billed', async () => {
    t = await createTestCompany({ now: '2026-03-01T09:00:00Z' });
    const cat = await aCatalog(t);
    const db = t.session.company().db;
    // 201 customers: a chunk of 200 is committed, then the run fails on the last customer.
    seedContracts(db, 201, cat.p1, [await anArticle(t, cat, '10')], '2026-03-01');
    const who = { actor: 'test', at: '2026-03-01T09:00:00.000Z' };
    const progress = (done: number) => {
      if (done === 200) removeCompanyProfile();
    };

    await expect(runBilling(db, { date: '2026-03-01', progress }, who)).rejects.toMatchObject({ code: 'INTEGRITY', message: NO_PROFILE });

    const reason = `Lauf nach 200 von 201 Kunden abgebrochen: ${NO_PROFILE} Ein neuer Lauf setzt fort.`;
    expect(billingRunRows()).toEqual([
      { id: 1, finished_at: who.at, contracts_seen: 200, invoices_created: 200, gross_cents: 200 * 1190, errors_json: JSON.stringify([{ contractId: 0, contractNumber: '', customerName: '', reason }]) },
    ]);
    expect(db.raw.prepare(`SELECT billing_run_id, count(*) AS n FROM invoice GROUP BY billing_run_id`).all()).toEqual([{ billing_run_id: 1, n: 200 }]);
    // As the report says, a new run bills the rest.
    await t.call('company.updateProfile', { profile: TEST_PROFILE });
    const rest = await billOn(t, '2026-03-01');
    expect([rest.invoicesCreated, rest.errors]).toEqual([1, []]);
  });

  it('a run with nothing to bill is still on record, finished', async () => {
    t = await createTestCompany({ now: '2026-01-01T09:00:00Z' });
    const run = await billOn(t, '2026-01-01');
    expect([run.contractsSeen, run.invoicesCreated, run.errors, run.finishedAt]).toEqual([0, 0, [], '2026-01-01T09:00:00.000Z']);
    expect(billingRunRows()).toHaveLength(1);
  });
});

describe('the scheduled billing job after a failure (DOMAIN §11)', () => {
  it('a failed run is recorded once for its slot, not started again on every tick; the next slot runs again', async () => {
    t = await createTestCompany({ now: '2026-01-01T04:45:00Z' }); // 05:45 in Berlin
    await t.call('jobs.list', {}); // schedules count from now
    const cat = await aCatalog(t);
    await aContractWith(cat, await anArticle(t, cat, '10'));
    removeCompanyProfile();
    const scheduler = new JobScheduler(t.session, { tickMs: 3_600_000, mode: 'inline' });

    t.clock.set('2026-01-01T05:30:00Z'); // 06:30 in Berlin: the 06:00 billing slot has come
    await scheduler.tick('SCHEDULE');
    t.clock.set('2026-01-01T05:30:30Z'); // the next tick, 30 s later
    await scheduler.tick('SCHEDULE');

    const failed = await t.call('jobs.history', { name: 'billing.run' });
    expect(failed.rows.map((r) => [r.trigger, r.state, r.errors])).toEqual([['SCHEDULE', 'FAILED', [NO_PROFILE]]]);
    expect(billingRunRows()).toEqual([]);

    await t.call('company.updateProfile', { profile: TEST_PROFILE });
    t.clock.set('2026-01-02T05:30:00Z');
    await scheduler.tick('SCHEDULE');
    scheduler.stop();
    const history = await t.call('jobs.history', { name: 'billing.run' });
    expect(history.rows.map((r) => [r.state, r.counts])).toEqual([
      ['DONE', { vertraege: 1, rechnungen: 1 }],
      ['FAILED', {}],
    ]);
  });
});
