// DATEV export (DOMAIN §10): settings, preview (summary before saving), export with history,
// re-download of an earlier file. EXTF only: DATEV stopped supporting the old ASCII formats
// at the end of 2017.
import { channel } from './define';
import { idSchema, isoDateSchema, z } from './zod-de';

export const CHARTS = ['SKR03', 'SKR04'] as const;
export const DEBITOR_MODES = ['CUSTOMER', 'NUMBER', 'SINGLE'] as const;

export const DEBITOR_MODE_LABELS: Readonly<Record<(typeof DEBITOR_MODES)[number], string>> = {
  CUSTOMER: 'Debitorenkonto des Kunden (aus der Kundennummer abgeleitet, am Kunden änderbar)',
  NUMBER: 'Bereichsanfang + Ziffern der Kundennummer',
  SINGLE: 'Ein Sammeldebitor für alle Kunden',
};

/** Shown where a user looks for the old "DATEV-ASCII" export. */
export const ASCII_NOTE =
  'Abowerk schreibt das DATEV-Format (EXTF). Das frühere „DATEV-ASCII“-Format wird von DATEV seit Ende 2017 nicht mehr unterstützt; Steuerberater importieren EXTF-Dateien direkt.';

const account = (label: string) => z.string({ error: `${label} fehlt` }).trim().regex(/^\d{4,9}$/, { message: `${label}: nur Ziffern (4–9 Stellen)` });

export const datevSettingsSchema = z.object({
  consultantNumber: z.number({ error: 'Beraternummer fehlt' }).int({ message: 'Beraternummer ist eine ganze Zahl' }).min(1001, { message: 'Beraternummer muss zwischen 1001 und 9999999 liegen' }).max(9_999_999, { message: 'Beraternummer muss zwischen 1001 und 9999999 liegen' }),
  clientNumber: z.number({ error: 'Mandantennummer fehlt' }).int({ message: 'Mandantennummer ist eine ganze Zahl' }).min(1, { message: 'Mandantennummer muss zwischen 1 und 99999 liegen' }).max(99_999, { message: 'Mandantennummer muss zwischen 1 und 99999 liegen' }),
  fiscalYearStart: z.string().regex(/^\d{2}-\d{2}$/, { message: 'Beginn des Wirtschaftsjahres als MM-TT' }),
  chart: z.enum(CHARTS),
  accountLength: z.number().int().min(4, { message: 'Sachkontenlänge muss zwischen 4 und 8 liegen' }).max(8, { message: 'Sachkontenlänge muss zwischen 4 und 8 liegen' }),
  bankAccount: account('Bankkonto'),
  revenueAccounts: z.record(z.string(), z.object({ account: account('Erlöskonto'), buKey: z.string().trim().regex(/^\d{0,4}$/, { message: 'BU-Schlüssel hat höchstens 4 Ziffern' }) })),
  manualCreditAccount: account('Konto für Gutschriften'),
  manualDebitAccount: account('Konto für Belastungen'),
  feeAccount: account('Konto für Gebühren'),
  debitorMode: z.enum(DEBITOR_MODES),
  debitorRangeFrom: account('Debitorenbereich von'),
  debitorRangeTo: account('Debitorenbereich bis'),
  singleDebitor: account('Sammeldebitor'),
  lockBookings: z.boolean(),
  initials: z.string().trim().max(2, { message: 'Diktatkürzel hat höchstens 2 Zeichen' }),
  currency: z.string().regex(/^[A-Z]{3}$/, { message: 'Währung ist kein ISO-Code' }),
});

export type DatevSettingsDto = z.output<typeof datevSettingsSchema>;

export interface DatevSettingsView {
  readonly settings: DatevSettingsDto;
  /** False until the user saved the settings once (consultant/client numbers are then still missing). */
  readonly configured: boolean;
  /** Tax groups of the company file with their names, for the revenue account table. */
  readonly taxGroups: readonly { readonly code: string; readonly name: string }[];
  readonly asciiNote: string;
}

export interface AccountSumDto {
  readonly account: string;
  /** What the account is (customer of a debitor, "Bank", "Erlöse …"); empty when the settings do not name it. */
  readonly label: string;
  /** Decimal strings. */
  readonly debit: string;
  readonly credit: string;
}

export interface DatevSummaryDto {
  readonly from: string;
  readonly to: string;
  readonly onlyNew: boolean;
  readonly sandbox: boolean;
  /** Ledger entries in the range (after "nur neue Buchungen"). */
  readonly entryCount: number;
  readonly bookingCount: number;
  /** Entries per ledger type: INVOICE, CANCELLATION, CREDIT_NOTE, PAYMENT, MANUAL_CREDIT, … */
  readonly byType: Readonly<Record<string, number>>;
  readonly sums: readonly AccountSumDto[];
  readonly warnings: readonly string[];
  /** Problems that block the export (missing debitor, account, settings). */
  readonly errors: readonly string[];
  /** Entries of the range that an earlier export already contains. */
  readonly alreadyExported: number;
  readonly fileNames: readonly string[];
  readonly customerCount: number;
}

export interface DatevFileDto {
  readonly id: number;
  readonly fileName: string;
  readonly kind: 'BUCHUNGSSTAPEL' | 'DEBITOREN';
  readonly periodFrom: string | null;
  readonly periodTo: string | null;
  readonly bookingCount: number;
  readonly sha256: string;
  readonly sizeBytes: number;
}

export interface DatevExportDto {
  readonly id: number;
  readonly from: string;
  readonly to: string;
  readonly onlyNew: boolean;
  readonly sandbox: boolean;
  readonly bookingCount: number;
  readonly entryCount: number;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly files: readonly DatevFileDto[];
  readonly summary: DatevSummaryDto;
}

export interface DatevFileContentDto {
  readonly fileName: string;
  /** The stored bytes (Windows-1252), base64. */
  readonly base64: string;
  readonly sha256: string;
}

const rangeInput = z
  .object({ from: isoDateSchema, to: isoDateSchema, onlyNew: z.boolean().default(false) })
  .refine((r) => r.from <= r.to, { message: '„Bis“ liegt vor „Von“', path: ['to'] });

export const datevChannels = {
  'datev.settings.get': channel<DatevSettingsView>()(z.object({}).default({})),
  'datev.settings.save': channel<DatevSettingsView>()(z.object({ settings: datevSettingsSchema })),
  'datev.preview': channel<DatevSummaryDto>()(rangeInput),
  'datev.export': channel<DatevExportDto>()(
    z.object({ from: isoDateSchema, to: isoDateSchema, onlyNew: z.boolean().default(false), confirmReexport: z.boolean().default(false) }).refine((r) => r.from <= r.to, { message: '„Bis“ liegt vor „Von“', path: ['to'] }),
  ),
  'datev.exports.list': channel<DatevExportDto[]>()(z.object({ limit: z.number().int().min(1).max(500).default(100) }).default({ limit: 100 })),
  'datev.exports.get': channel<DatevExportDto>()(z.object({ id: idSchema })),
  'datev.file': channel<DatevFileContentDto>()(z.object({ fileId: idSchema })),
} as const;
