// Pure billing rules (DOMAIN §2, §3, §7): invoice arithmetic, tax notes, grouping of due
// activities into invoices, storno negation, credit application, open-item status and the
// § 14 UStG completeness check. No database, no clock: every date is an argument.
import type { TaxTreatment } from '../../shared/api/catalog';
import type { IsoDate } from '../../shared/dates';
import { compareDates } from '../../shared/dates';
import { AppError } from '../../shared/errors';
import { Decimal, ZERO, formatPercent, lineNet, roundAmount, sum, taxOnNet } from '../../shared/money';
import { missingMandatoryFields, type MandatoryFacts } from '../documents/rules';

/** One line to invoice, as the billing run prepares it from an activity. */
export interface LineInput {
  readonly description: string;
  readonly quantity: Decimal;
  readonly unitPrice: Decimal;
  /** Percent, e.g. 10; null = none. */
  readonly discountPercent: Decimal | null;
  /**
   * The net the activity already carries (a proration was rounded when it was created);
   * when absent the net is quantity × unit price less discount, rounded once.
   */
  readonly net?: Decimal;
  readonly taxRate: Decimal;
  readonly taxGroupCode: string;
  /** The tax group's treatment when the line is drafted; the issued line keeps it. */
  readonly treatment: TaxTreatment;
  readonly taxNote: string | null;
  readonly requiresVatId: boolean;
  readonly periodStart: IsoDate | null;
  readonly periodEnd: IsoDate | null;
  readonly serviceDate: IsoDate | null;
}

export interface CalculatedLine extends LineInput {
  readonly position: number;
  readonly net: Decimal;
}

export interface TaxRow {
  readonly treatment: TaxTreatment;
  readonly rate: Decimal;
  readonly net: Decimal;
  readonly tax: Decimal;
  /**
   * The invoice notes of this rate's tax groups, each once, one per line; null when none.
   * One text, because the stored tax row (and the PDF, which prints it) has one note per rate.
   */
  readonly note: string | null;
}

export interface InvoiceCalculation {
  readonly lines: readonly CalculatedLine[];
  readonly taxes: readonly TaxRow[];
  readonly net: Decimal;
  readonly tax: Decimal;
  readonly gross: Decimal;
  /** Exemption notes the document must print (Kleinunternehmer, reverse charge, …), once each. */
  readonly notes: readonly string[];
}

/**
 * Line nets rounded per line; tax per rate on that rate's net sum, rounded once;
 * gross = net sum + tax sum (DOMAIN §2). 6,66 + 1,24 at 19 % → 1,50 VAT.
 */
export function calculateInvoice(inputs: readonly LineInput[]): InvoiceCalculation {
  const lines: CalculatedLine[] = inputs.map((l, i) => ({
    ...l,
    position: i + 1,
    net: l.net !== undefined ? roundAmount(l.net) : lineNet(l.quantity, l.unitPrice, l.discountPercent ?? ZERO),
  }));
  // Keyed by rate only (and treatment, which decides how 0 % is printed), never by tax group
  // or note: two groups at 19 % with different notes are still one 19 % tax amount (§2).
  const groups = new Map<string, { treatment: TaxTreatment; rate: Decimal; nets: Decimal[]; notes: Set<string> }>();
  for (const line of lines) {
    const key = `${line.treatment}|${line.taxRate.toString()}`;
    const group = groups.get(key) ?? { treatment: line.treatment, rate: line.taxRate, nets: [], notes: new Set<string>() };
    group.nets.push(line.net);
    if (line.taxNote !== null && line.taxNote.trim() !== '') group.notes.add(line.taxNote);
    groups.set(key, group);
  }
  const rates = [...groups.values()].sort((a, b) => b.rate.comparedTo(a.rate) || a.treatment.localeCompare(b.treatment));
  const taxes: TaxRow[] = rates.map((g) => {
    const net = sum(g.nets);
    return { treatment: g.treatment, rate: g.rate, net, tax: taxOnNet(net, g.rate), note: g.notes.size > 0 ? [...g.notes].join('\n') : null };
  });
  const net = sum(lines.map((l) => l.net));
  const tax = sum(taxes.map((t) => t.tax));
  const notes = [...new Set(rates.flatMap((g) => [...g.notes]))];
  return { lines, taxes, net, tax, gross: net.plus(tax), notes };
}

/** The tax line as printed: a Kleinunternehmer invoice prints none (only its note). */
export function taxLineLabel(row: TaxRow): string | null {
  if (row.treatment === 'KLEINUNTERNEHMER') return null;
  return `Umsatzsteuer ${formatPercent(row.rate)} auf ${row.net.toFixed(2)}`;
}

/** Reverse charge (and any group that needs it) is refused without the customer's VAT ID. */
export function checkVatIdRequirement(lines: readonly LineInput[], customerVatId: string | null): void {
  const needing = lines.find((l) => l.requiresVatId || l.treatment === 'REVERSE_CHARGE');
  if (needing && (customerVatId === null || customerVatId.trim() === '')) {
    throw new AppError(
      'VALIDATION',
      `Reverse Charge ohne USt-IdNr. des Kunden nicht möglich („${needing.description}“). Bitte die USt-IdNr. beim Kunden hinterlegen.`,
      { fields: { vatId: 'USt-IdNr. des Kunden fehlt (Reverse Charge)' } },
    );
  }
}

// --- grouping (§7) ------------------------------------------------------------------------

export interface DueActivity {
  readonly id: number;
  readonly contractId: number;
  readonly customerId: number;
  readonly projectId: number | null;
  readonly currency: string;
  readonly collectiveInvoicing: boolean;
  readonly dueDate: IsoDate;
}

export interface InvoiceGroup<A extends DueActivity> {
  /** "C:<contract>:<currency>" or "K:<customer>:<project>:<currency>" (Sammelrechnung). */
  readonly key: string;
  readonly customerId: number;
  /** The contract of a per-contract invoice; null for a collective invoice. */
  readonly contractId: number | null;
  readonly projectId: number | null;
  readonly currency: string;
  readonly contractIds: readonly number[];
  readonly activities: readonly A[];
}

/**
 * Every activity due on or before the run date goes to one invoice: per contract and
 * currency, or per customer, project and currency where the customer collects invoices.
 * Groups come out in a stable order (first activity's id) so numbers follow the data.
 */
export function groupDueActivities<A extends DueActivity>(activities: readonly A[], runDate: IsoDate): InvoiceGroup<A>[] {
  const groups = new Map<string, { customerId: number; contractId: number | null; projectId: number | null; currency: string; activities: A[] }>();
  for (const a of activities) {
    if (compareDates(a.dueDate, runDate) > 0) continue;
    const key = a.collectiveInvoicing
      ? `K:${a.customerId}:${a.projectId ?? '-'}:${a.currency}`
      : `C:${a.contractId}:${a.currency}`;
    const g = groups.get(key) ?? {
      customerId: a.customerId,
      contractId: a.collectiveInvoicing ? null : a.contractId,
      projectId: a.projectId,
      currency: a.currency,
      activities: [],
    };
    g.activities.push(a);
    groups.set(key, g);
  }
  return [...groups.entries()]
    .map(([key, g]) => {
      const sorted = [...g.activities].sort((x, y) => x.contractId - y.contractId || compareDates(x.dueDate, y.dueDate) || x.id - y.id);
      return { key, ...g, activities: sorted, contractIds: [...new Set(sorted.map((a) => a.contractId))] };
    })
    .sort((x, y) => Math.min(...x.activities.map((a) => a.id)) - Math.min(...y.activities.map((a) => a.id)));
}

/** A document with a negative total is a credit note with its own range (§7). */
export function documentKindFor(gross: Decimal): 'INVOICE' | 'CREDIT_NOTE' {
  return gross.isNegative() && !gross.isZero() ? 'CREDIT_NOTE' : 'INVOICE';
}

// --- storno (§7) --------------------------------------------------------------------------

export interface StornoFigures {
  readonly lines: readonly { readonly quantity: Decimal; readonly net: Decimal }[];
  readonly taxes: readonly { readonly net: Decimal; readonly tax: Decimal }[];
  readonly net: Decimal;
  readonly tax: Decimal;
  readonly gross: Decimal;
}

/** A cancellation negates every figure of the original exactly: quantities, nets, taxes, totals. */
export function negateFigures<F extends StornoFigures>(f: F): F {
  return {
    ...f,
    lines: f.lines.map((l) => ({ ...l, quantity: l.quantity.negated(), net: l.net.negated() })),
    taxes: f.taxes.map((t) => ({ ...t, net: t.net.negated(), tax: t.tax.negated() })),
    net: f.net.negated(),
    tax: f.tax.negated(),
    gross: f.gross.negated(),
  };
}

export function stornoReference(number: string, issueDate: IsoDate, formatDate: (d: IsoDate) => string): string {
  return `Storno zu Rechnung ${number} vom ${formatDate(issueDate)}`;
}

// --- credit and open items (§7, §8) -------------------------------------------------------

/** "abzüglich Guthaben": available credit reduces the amount due, never below zero. */
export function applyCredit(gross: Decimal, availableCredit: Decimal): { creditApplied: Decimal; amountDue: Decimal } {
  if (!gross.isPositive() || gross.isZero() || !availableCredit.isPositive() || availableCredit.isZero()) {
    return { creditApplied: ZERO, amountDue: gross };
  }
  const creditApplied = Decimal.min(gross, availableCredit);
  return { creditApplied, amountDue: gross.minus(creditApplied) };
}

export interface OpenItem {
  readonly id: number;
  /** Open amount (positive). */
  readonly open: Decimal;
  readonly date: IsoDate;
}

export interface Allocation {
  readonly itemId: number;
  readonly amount: Decimal;
}

/**
 * Allocates a credit to open items: the named items first (in the order given), then the
 * oldest. Returns the allocations and what remains unallocated (customer credit).
 */
export function allocate(amount: Decimal, items: readonly OpenItem[], preferredIds: readonly number[] = []): { allocations: Allocation[]; rest: Decimal } {
  const preferred = preferredIds.map((id) => items.find((i) => i.id === id)).filter((i): i is OpenItem => i !== undefined);
  const others = items.filter((i) => !preferredIds.includes(i.id)).sort((a, b) => compareDates(a.date, b.date) || a.id - b.id);
  let rest = amount;
  const allocations: Allocation[] = [];
  for (const item of [...preferred, ...others]) {
    if (!rest.isPositive() || rest.isZero()) break;
    if (!item.open.isPositive() || item.open.isZero()) continue;
    const take = Decimal.min(rest, item.open);
    allocations.push({ itemId: item.id, amount: take });
    rest = rest.minus(take);
  }
  return { allocations, rest };
}

export type InvoiceStatus = 'OPEN' | 'PARTIALLY_PAID' | 'PAID' | 'CANCELLED';

/** Status follows from the open amount; a cancelled invoice stays CANCELLED. */
export function invoiceStatus(gross: Decimal, allocated: Decimal, cancelled: boolean): InvoiceStatus {
  if (cancelled) return 'CANCELLED';
  const open = gross.minus(allocated);
  if (!open.isPositive() || open.isZero()) return 'PAID';
  if (allocated.isZero()) return 'OPEN';
  return 'PARTIALLY_PAID';
}

export const INVOICE_STATUS_LABELS: Readonly<Record<InvoiceStatus, string>> = {
  OPEN: 'Offen',
  PARTIALLY_PAID: 'Teilweise bezahlt',
  PAID: 'Bezahlt',
  CANCELLED: 'Storniert',
};

// --- § 14 UStG completeness ---------------------------------------------------------------

/** The issuer and the recipient as a draft knows them (company profile, customer). */
export type IssuerFacts = MandatoryFacts['issuer'];
export type RecipientFacts = MandatoryFacts['recipient'];

/**
 * Issuing is refused while a § 14 field is missing, each named (the one list is documents'
 * missingMandatoryFields). Checked on the calculated draft before its number is drawn: the
 * tax rows tell whether an exemption note or the company's VAT ID is needed.
 */
export function assertInvoiceComplete(calc: InvoiceCalculation, issuer: IssuerFacts, recipient: RecipientFacts, issueDate: IsoDate): void {
  const missing = missingMandatoryFields({
    kind: documentKindFor(calc.gross),
    issuer,
    recipient,
    issueDate,
    // Drawn right after this check, in the same transaction.
    number: 'vorläufig',
    refersTo: null,
    lines: calc.lines.map((l) => ({
      position: l.position,
      description: l.description,
      quantity: l.quantity.toString(),
      periodStart: l.periodStart,
      periodEnd: l.periodEnd,
      serviceDate: l.serviceDate,
    })),
    taxes: calc.taxes.map((t) => ({ treatment: t.treatment, rate: t.rate.toString(), note: t.note })),
  });
  if (missing.length > 0) {
    throw new AppError('VALIDATION', `Rechnung kann nicht ausgestellt werden, es fehlt: ${missing.join(', ')}.`, { missing });
  }
}
