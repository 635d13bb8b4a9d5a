// Invoice documents: the company's document settings, the archive of issued PDFs (preview,
// download, integrity check) and the list of documents with their archive state.
import { channel, type Page } from './define';
import { idSchema, optionalText, pageInput, z } from './zod-de';

export const LOGO_MIME_TYPES = ['image/png', 'image/jpeg'] as const;
/** Base64 of at most ~1 MB of image data. */
export const LOGO_MAX_BASE64 = 1_400_000;

export interface DocumentSettings {
  readonly managingDirector: string | null;
  readonly registerEntry: string | null;
  readonly website: string | null;
  /** Up to three lines under the logo. */
  readonly letterhead: readonly string[];
  readonly footerNote: string | null;
  readonly logo: { readonly mime: (typeof LOGO_MIME_TYPES)[number]; readonly base64: string } | null;
  /** "{tage}" is replaced by the customer's payment terms in days. */
  readonly paymentTermsText: string;
  readonly introText: string | null;
  readonly closingText: string | null;
}

export const DEFAULT_DOCUMENT_SETTINGS: DocumentSettings = {
  managingDirector: null,
  registerEntry: null,
  website: null,
  letterhead: [],
  footerNote: null,
  logo: null,
  paymentTermsText: 'Zahlbar innerhalb von {tage} Tagen ohne Abzug.',
  introText: 'Wir berechnen Ihnen folgende Leistungen:',
  closingText: 'Vielen Dank für Ihr Vertrauen.',
};

export const documentSettingsSchema = z.object({
  managingDirector: optionalText(200),
  registerEntry: optionalText(200),
  website: optionalText(200),
  letterhead: z
    .array(z.string().trim().max(120, { message: 'Briefkopfzeile: höchstens 120 Zeichen' }))
    .max(3, { message: 'Höchstens drei Briefkopfzeilen' })
    .default([])
    .transform((lines) => lines.filter((l) => l !== '')),
  footerNote: optionalText(300),
  logo: z
    .object({
      mime: z.enum(LOGO_MIME_TYPES, { message: 'Logo muss ein PNG- oder JPEG-Bild sein' }),
      base64: z
        .string()
        .max(LOGO_MAX_BASE64, { message: 'Logo ist zu groß (höchstens 1 MB)' })
        .regex(/^[A-Za-z0-9+/]+={0,2}$/, { message: 'Logo ist keine gültige Bilddatei' }),
    })
    .nullable()
    .default(null),
  paymentTermsText: z
    .string()
    .trim()
    .min(1, { message: 'Zahlungsbedingungen sind ein Pflichtfeld' })
    .max(300, { message: 'Zahlungsbedingungen: höchstens 300 Zeichen' })
    .default(DEFAULT_DOCUMENT_SETTINGS.paymentTermsText),
  introText: optionalText(500),
  closingText: optionalText(500),
});
export type DocumentSettingsInput = z.input<typeof documentSettingsSchema>;

export const DOCUMENT_KIND_LABELS = { INVOICE: 'Rechnung', CANCELLATION: 'Stornorechnung', CREDIT_NOTE: 'Gutschrift' } as const;
export type DocumentKindCode = keyof typeof DOCUMENT_KIND_LABELS;

export interface DocumentRow {
  readonly invoiceId: number;
  readonly number: string;
  readonly kind: DocumentKindCode;
  readonly issueDate: string;
  readonly customerNumber: string;
  readonly customerName: string;
  /** Decimal string. */
  readonly gross: string;
  readonly currency: string;
  /** SHA-256 of the archived PDF; null while not yet archived. */
  readonly sha256: string | null;
  readonly archivedAt: string | null;
}

export interface PdfFile {
  readonly invoiceId: number;
  readonly fileName: string;
  readonly sha256: string;
  readonly base64: string;
  readonly archivedAt: string;
}

export interface ArchiveProblem {
  readonly invoiceNumber: string;
  readonly path: string;
  readonly problem: 'MISSING' | 'MISMATCH';
  readonly message: string;
}

export interface IntegrityReport {
  readonly checkedAt: string;
  readonly total: number;
  readonly ok: number;
  readonly problems: readonly ArchiveProblem[];
}

export interface ArchiveInfo {
  readonly folder: string;
  readonly archived: number;
  readonly pending: number;
  readonly lastCheck: IntegrityReport | null;
}

export const documentChannels = {
  'documents.getSettings': channel<DocumentSettings>()(z.object({})),
  'documents.saveSettings': channel<DocumentSettings>()(z.object({ settings: documentSettingsSchema })),
  /** A sample invoice with the current (or given, unsaved) settings, for the settings screen. */
  'documents.samplePdf': channel<PdfFile>()(z.object({ settings: documentSettingsSchema.optional() })),
  'documents.list': channel<Page<DocumentRow>>()(z.object({ search: z.string().max(100).optional(), ...pageInput })),
  /** The archived PDF of an issued document (archived now if it was not yet). */
  'documents.pdf': channel<PdfFile>()(
    z.union([z.object({ invoiceId: idSchema }), z.object({ number: z.string().trim().min(1, { message: 'Rechnungsnummer fehlt' }) })]),
  ),
  'documents.archivePending': channel<{ readonly archived: number; readonly failed: number }>()(z.object({})),
  'documents.checkIntegrity': channel<IntegrityReport>()(z.object({})),
  'documents.archiveInfo': channel<ArchiveInfo>()(z.object({})),
  /** Opens the archive folder in the file manager (desktop app); in a browser it only answers the path. */
  'documents.openArchiveFolder': channel<{ readonly opened: boolean; readonly folder: string }>()(z.object({})),
} as const;
