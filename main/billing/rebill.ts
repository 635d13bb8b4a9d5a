// "Stornieren und neu abrechnen" (DOMAIN §7, S6) as one transaction: cancel the invoice,
// delete the contract's unbilled activities, set billFrom of each billed item to the
// cancelled invoice's period start, regenerate, and bill the contract at once (interim
// invoice) — which uses the credit the storno left. Any failure rolls everything back.
import type { BillingRunDto, InvoiceDetailDto } from '../../shared/api/billing';
import type { IsoDate } from '../../shared/dates';
import { AppError } from '../../shared/errors';
import { recordAudit } from '../company/audit';
import { regenerateContract } from '../contracts/generation';
import { archiveInvoiceDocument } from '../documents/service';
import { deleteActivityIn, setItemBillFrom } from '../contracts/service';
import { stmt, type CompanyDb } from '../db/company-db';
import type { Who } from '../ledger/service';
import { billCustomersIn, billingRunDto, cancelInvoiceIn, finishRunIn, invoiceDetail, newTally, startRunIn, TaxLookup } from './service';

export async function cancelAndRebill(db: CompanyDb, invoiceId: number, date: IsoDate, who: Who): Promise<{ cancellation: InvoiceDetailDto; run: BillingRunDto }> {
  const raw = db.raw;
  const { stornoId, runId } = await db.transaction(async (m) => {
    const original = stmt(raw, `SELECT id, number, kind, contract_id, customer_id, period_start FROM invoice WHERE id = ?`).get(invoiceId) as
      | { id: number; number: string; kind: string; contract_id: number | null; customer_id: number; period_start: string | null }
      | undefined;
    if (!original) throw new AppError('NOT_FOUND', `Rechnung ${invoiceId} wurde nicht gefunden.`);
    if (original.contract_id === null || original.period_start === null) {
      throw new AppError('VALIDATION', `Rechnung ${original.number} gehört nicht zu genau einem Vertrag; bitte einzeln stornieren und Zwischenabrechnung erstellen.`);
    }
    const contractId = original.contract_id;
    const items = stmt(raw, `SELECT item_id, min(period_start) AS start FROM activity WHERE invoice_id = ? AND item_id IS NOT NULL GROUP BY item_id`).all(invoiceId) as { item_id: number; start: string }[];
    const stornoId = cancelInvoiceIn(raw, invoiceId, date, who);
    const change = { ...who, today: date };
    for (const a of stmt(raw, `SELECT id FROM activity WHERE contract_id = ? AND state = 'OPEN' ORDER BY id`).all(contractId) as { id: number }[]) {
      await deleteActivityIn(m, a.id, who);
    }
    for (const item of items) await setItemBillFrom(m, item.item_id, item.start, change);
    await regenerateContract(m, contractId, date, who.at);
    const options = { date, contractId, kind: 'REBILL' as const };
    const runId = startRunIn(raw, options, 'REBILL', who);
    const tally = newTally();
    billCustomersIn(raw, runId, options, [original.customer_id], new TaxLookup(raw), tally, who);
    if (tally.errors.length > 0) throw new AppError('VALIDATION', `Neu abrechnen nicht möglich: ${tally.errors.map((e) => e.reason).join('; ')}`);
    finishRunIn(raw, runId, tally, who);
    // Both new documents get their archived PDF in the same transaction.
    for (const id of [stornoId, ...tally.invoiceIds]) await archiveInvoiceDocument(m, id, who);
    await recordAudit(m, { ...who, entity: 'Rechnung', entityId: original.number, action: 'UPDATE', after: { storniertUndNeuAbgerechnet: true, rechnungslauf: runId } });
    return { stornoId, runId };
  });
  return { cancellation: invoiceDetail(raw, stornoId), run: billingRunDto(raw, runId) };
}
