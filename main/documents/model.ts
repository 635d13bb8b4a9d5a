// The input of an invoice document: everything the PDF shows, frozen at issue time. Plain
// data only (decimal strings, IsoDates, base64 logo) so it can cross a worker boundary and be
// stored as JSON; nothing here is looked up again when the document is rendered later.
import type { TaxTreatment } from '../../shared/api/catalog';
import type { IsoDate } from '../../shared/dates';

export const DOCUMENT_KINDS = ['INVOICE', 'CANCELLATION', 'CREDIT_NOTE'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** Titles as printed. A cancellation is a "Stornorechnung", never a "Gutschrift" (DOMAIN §7). */
export const DOCUMENT_TITLES: Readonly<Record<DocumentKind, string>> = {
  INVOICE: 'Rechnung',
  CANCELLATION: 'Stornorechnung',
  CREDIT_NOTE: 'Gutschrift',
};

export interface DocumentLogo {
  readonly mime: 'image/png' | 'image/jpeg';
  readonly base64: string;
}

/** The issuing company as it was when the document was issued. */
export interface IssuerSnapshot {
  readonly name: string;
  readonly street: string;
  readonly zip: string;
  readonly city: string;
  readonly country: string;
  /** Steuernummer; § 14 needs it or the VAT ID. */
  readonly taxNumber: string | null;
  readonly vatId: string | null;
  readonly email: string | null;
  readonly phone: string | null;
  readonly website: string | null;
  readonly bankName: string | null;
  readonly iban: string | null;
  readonly bic: string | null;
  /** "Geschäftsführer: …" (one or more names). */
  readonly managingDirector: string | null;
  /** "Amtsgericht München, HRB 123456". */
  readonly registerEntry: string | null;
  /** Extra letterhead lines under the logo (slogan, second address). */
  readonly letterhead: readonly string[];
  /** Free footer line (e.g. "Es gelten unsere AGB."). */
  readonly footerNote: string | null;
  readonly logo: DocumentLogo | null;
}

/** The customer as it was when the document was issued. */
export interface RecipientSnapshot {
  readonly customerNumber: string;
  /** Company name or "Vorname Nachname". */
  readonly name: string;
  /** Contact person line under a company name. */
  readonly contact: string | null;
  readonly street: string;
  readonly zip: string;
  readonly city: string;
  /** ISO country code; printed only when it is not the issuer's country. */
  readonly country: string;
  readonly vatId: string | null;
}

export interface DocumentLine {
  readonly position: number;
  readonly description: string;
  /** Decimal strings: quantity (up to 4 decimals), unit price (4), net (2); negative on a storno. */
  readonly quantity: string;
  readonly unit: string;
  readonly unitPrice: string;
  /** Discount in percent on the line, if any ("10"). */
  readonly discountPercent: string | null;
  readonly net: string;
  /** Tax rate in percent ("19", "16", "0"). */
  readonly taxRate: string;
  /** Service period (subscriptions) or service date (one-time); § 14 needs one of them. */
  readonly periodStart: IsoDate | null;
  readonly periodEnd: IsoDate | null;
  readonly serviceDate: IsoDate | null;
}

// How a rate's part of the invoice is taxed (the tax group's treatment, frozen on the tax row).
// STANDARD prints a tax line; KLEINUNTERNEHMER prints no tax line, only its note;
// REVERSE_CHARGE and NOT_TAXABLE print 0 % and their note.
export type { TaxTreatment };

export interface TaxSummaryRow {
  readonly treatment: TaxTreatment;
  readonly rate: string;
  readonly net: string;
  readonly tax: string;
  /** The tax group's invoice note (§ 19 UStG, Steuerschuldnerschaft des Leistungsempfängers, …). */
  readonly note: string | null;
}

export type PaymentMethod = 'TRANSFER' | 'DIRECT_DEBIT' | 'OTHER';

export interface InvoiceDocument {
  readonly kind: DocumentKind;
  readonly number: string;
  readonly issueDate: IsoDate;
  readonly currency: string;
  readonly issuer: IssuerSnapshot;
  readonly recipient: RecipientSnapshot;
  readonly contractNumber: string | null;
  /** Storno and credit note: the document it refers to ("Storno zu Rechnung … vom …"). */
  readonly refersTo: { readonly number: string; readonly issueDate: IsoDate } | null;
  readonly lines: readonly DocumentLine[];
  readonly taxes: readonly TaxSummaryRow[];
  readonly netTotal: string;
  readonly taxTotal: string;
  readonly grossTotal: string;
  /** Customer credit applied to this document, positive ("abzüglich Guthaben"). */
  readonly creditApplied: string;
  readonly amountDue: string;
  /** Credit the customer still has after this document, when worth mentioning. */
  readonly remainingCredit: string | null;
  readonly payment: {
    readonly method: PaymentMethod;
    readonly dueDate: IsoDate | null;
    /** Payment terms as printed ("Zahlbar innerhalb von 14 Tagen ohne Abzug."). */
    readonly terms: string | null;
  };
  /** Free text before the table ("Wir berechnen Ihnen folgende Leistungen:"). */
  readonly introText: string | null;
  /** Free text after the totals ("Vielen Dank für Ihren Auftrag."). */
  readonly closingText: string | null;
  /** A sandbox document carries the watermark "MUSTER – Sandbox" (DOMAIN §1). */
  readonly sandbox: boolean;
}
