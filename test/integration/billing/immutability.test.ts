import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toAppErrorData } from '../../../main/ipc/errors';
import { channels } from '../../../shared/api';
import { createTestCompany, type TestCompany } from '../../support/company';
import { aCatalog, aContract, anArticle, anItem, billOn, invoicesOf } from './support';

let t: TestCompany;
let invoiceId: number;
let customerId: number;

beforeEach(async () => {
  t = await createTestCompany({ now: '2026-01-01T09:00:00Z' });
  const cat = await aCatalog(t);
  const contract = await aContract(t, cat, { startDate: '2026-01-01' });
  customerId = contract.customerId;
  await t.call('contracts.addItem', { contractId: contract.id, item: anItem(await anArticle(t, cat, '100'), '2026-01-01') });
  await billOn(t, '2026-01-01');
  invoiceId = (await invoicesOf(t, customerId))[0]!.id;
});
afterEach(async () => t.close());

describe('issued documents are immutable (DOMAIN §7)', () => {
  const raw = () => t.session.company().db.raw;

  it('SQLite triggers abort a raw UPDATE or DELETE on an issued invoice, its lines, taxes and ledger entries', () => {
    expect(() => raw().prepare(`UPDATE invoice SET gross_cents = 1, net_cents = 1, tax_cents = 0 WHERE id = ?`).run(invoiceId)).toThrow('Ausgestellte Rechnungen sind unveränderlich');
    expect(() => raw().prepare(`UPDATE invoice SET recipient_json = '{}' WHERE id = ?`).run(invoiceId)).toThrow('unveränderlich');
    expect(() => raw().prepare(`DELETE FROM invoice WHERE id = ?`).run(invoiceId)).toThrow('unveränderlich');
    expect(() => raw().prepare(`UPDATE invoice_line SET net_cents = 0 WHERE invoice_id = ?`).run(invoiceId)).toThrow('Positionen ausgestellter Rechnungen sind unveränderlich');
    expect(() => raw().prepare(`DELETE FROM invoice_line WHERE invoice_id = ?`).run(invoiceId)).toThrow('unveränderlich');
    expect(() => raw().prepare(`UPDATE invoice_tax SET tax_cents = 0 WHERE invoice_id = ?`).run(invoiceId)).toThrow('unveränderlich');
    expect(() => raw().prepare(`DELETE FROM invoice_tax WHERE invoice_id = ?`).run(invoiceId)).toThrow('unveränderlich');
    expect(() => raw().prepare(`UPDATE account_entry SET amount_cents = 0 WHERE invoice_id = ?`).run(invoiceId)).toThrow('Kontobewegungen sind unveränderlich');
    expect(() => raw().prepare(`DELETE FROM account_entry WHERE invoice_id = ?`).run(invoiceId)).toThrow('unveränderlich');
  });

  it('no line can be added to an issued invoice once a later one exists', async () => {
    t.clock.set('2026-01-02T09:00:00Z');
    await t.call('ledger.book', { customerId, type: 'MANUAL_DEBIT', amount: '1', date: '2026-01-02', text: 'x' });
    await t.call('invoices.cancel', { id: invoiceId });
    expect(() =>
      raw()
        .prepare(`INSERT INTO invoice_line(invoice_id, position, description, quantity, unit_price_units, net_cents, tax_rate, tax_group_code) VALUES (?, 9, 'x', '1', 0, 0, '19', 'DE_STANDARD')`)
        .run(invoiceId),
    ).toThrow('unveränderlich');
  });

  it('no channel updates or deletes an invoice; every channel that touches one refuses or leaves it as issued', async () => {
    const before = await t.call('invoices.get', { id: invoiceId });
    // The only writing channels of the area: run, interim, storno, cancel-and-rebill, the credit setting, ledger bookings.
    const writing = Object.keys(channels).filter((c) => /^(invoices|billing|ledger)\./.test(c) && /update|delete|remove|edit|save|set|book|reverse|cancel|run|interim/i.test(c));
    expect(writing.sort()).toEqual(['billing.interim', 'billing.run', 'billing.runGet', 'billing.runOfJob', 'billing.runs', 'billing.saveSettings', 'billing.settings', 'billing.startRun', 'invoices.cancel', 'invoices.cancelAndRebill', 'ledger.book', 'ledger.reverse']);
    for (const name of ['invoices.update', 'invoices.delete', 'invoices.save', 'billing.deleteInvoice']) {
      expect(await t.tryCall(name, { id: invoiceId })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    }
    // Billing again, interim billing and deleting its activity leave the invoice as it was.
    await billOn(t, '2026-01-01');
    const contractId = before.contractId!;
    await t.call('billing.interim', { contractId, date: '2026-01-01' });
    const billed = (await t.call('activities.list', { contractId, limit: 50 })).rows.find((a) => a.state === 'BILLED')!;
    expect(await t.tryCall('activities.delete', { id: billed.id })).toMatchObject({ ok: false });
    const entry = (await t.call('ledger.overview', { customerId })).entries.rows.find((r) => r.invoiceId === invoiceId)!;
    expect(await t.tryCall('ledger.reverse', { entryId: entry.id, date: '2026-01-02' })).toMatchObject({ ok: false, error: { code: 'IMMUTABLE' } });
    // A storno is the only correction: a new document; the original's figures stay untouched.
    await t.call('invoices.cancel', { id: invoiceId });
    const after = await t.call('invoices.get', { id: invoiceId });
    const frozen = (d: typeof before) => ({ number: d.number, lines: d.lines, taxes: d.taxes, gross: d.gross, issuer: d.issuer, recipient: d.recipient, issueDate: d.issueDate });
    expect(frozen(after)).toEqual(frozen(before));
    expect(after.status).toBe('CANCELLED');
  });

  it('the router reports a trigger abort as IMMUTABLE', () => {
    let thrown: unknown;
    try {
      raw().prepare(`UPDATE invoice SET number = 'X' WHERE id = ?`).run(invoiceId);
    } catch (e) {
      thrown = e;
    }
    expect(toAppErrorData(thrown)).toMatchObject({ code: 'IMMUTABLE', message: expect.stringContaining('Ausgestellte Rechnungen sind unveränderlich') });
  });
});
