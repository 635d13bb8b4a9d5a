// "Stornieren und neu abrechnen" (DOMAIN §7, S6) as one transaction: cancel the invoice,
// delete the contract's unbilled subscription activities, set billFrom of each billed item to
// the start of the cancelled invoice's billing period, regenerate, and bill the contract at
// once (interim invoice) — which uses the credit the storno left. Any failure rolls
// everything back, and so does a re-billing that would bill nothing for a subscription.
import type { BillingRunDto, InvoiceDetailDto } from '../../shared/api/billing';
import type { IsoDate } from '../../shared/dates';
import { AppError } from '../../shared/errors';
import { recordAudit } from '../company/audit';
import { regenerateContract } from '../contracts/generation';
import { archiveInvoiceDocument } from '../documents/service';
import { deleteActivityIn, setItemBillFrom } from '../contracts/service';
import { stmt, type CompanyDb, type Raw } from '../db/company-db';
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
    // billFrom must be the period's anchor, not the line's first day: releasing and planning both
    // work on whole periods, so an item starting mid-period (15.01. in a period from 01.01.)
    // would otherwise leave its period voided and bill nothing.
    const items = stmt(
      raw,
      `SELECT item_id, min(coalesce(period_anchor, period_start)) AS anchor FROM activity WHERE invoice_id = ? AND item_id IS NOT NULL GROUP BY item_id`,
    ).all(invoiceId) as { item_id: number; anchor: string }[];
    const stornoId = cancelInvoiceIn(raw, invoiceId, date, who);
    const change = { ...who, today: date };
    // Only what generation recreates: activities of subscription items (it reads exactly those).
    // One-time activities have no item and could never come back, so they stay OPEN and the
    // interim invoice bills them when due.
    for (const a of stmt(raw, `SELECT id FROM activity WHERE contract_id = ? AND state = 'OPEN' AND item_id IS NOT NULL ORDER BY id`).all(contractId) as { id: number }[]) {
      await deleteActivityIn(m, a.id, who);
    }
    for (const item of items) await setItemBillFrom(m, item.item_id, item.anchor, change);
    await regenerateContract(m, contractId, date, who.at);
    const options = { date, contractId, kind: 'REBILL' as const };
    const runId = startRunIn(raw, options, 'REBILL', who);
    const tally = newTally();
    billCustomersIn(raw, runId, options, [original.customer_id], new TaxLookup(raw), tally, who);
    if (tally.errors.length > 0) throw new AppError('VALIDATION', `Neu abrechnen nicht möglich: ${tally.errors.map((e) => e.reason).join('; ')}`);
    if (items.length > 0 && !billsSubscriptionActivities(raw, tally.invoiceIds)) {
      // Otherwise the storno would quietly leave the cancelled periods unbilled.
      throw new AppError(
        'CONFLICT',
        `Neu abrechnen nicht möglich: Die Abo-Positionen der Rechnung ${original.number} würden nicht neu berechnet. Es wurde nichts storniert. Soll der Zeitraum nicht mehr berechnet werden, bitte nur stornieren.`,
      );
    }
    finishRunIn(raw, runId, tally, who);
    // Both new documents get their archived PDF in the same transaction.
    for (const id of [stornoId, ...tally.invoiceIds]) await archiveInvoiceDocument(m, id, who);
    await recordAudit(m, { ...who, entity: 'Rechnung', entityId: original.number, action: 'UPDATE', after: { storniertUndNeuAbgerechnet: true, rechnungslauf: runId } });
    return { stornoId, runId };
  });
  return { cancellation: invoiceDetail(raw, stornoId), run: billingRunDto(raw, runId) };
}

/** Whether one of the new invoices bills an activity of a subscription item (not only one-time ones). */
function billsSubscriptionActivities(raw: Raw, invoiceIds: readonly number[]): boolean {
  const billed = stmt(raw, `SELECT 1 FROM activity WHERE invoice_id = ? AND item_id IS NOT NULL LIMIT 1`);
  return invoiceIds.some((id) => billed.get(id) !== undefined);
}
