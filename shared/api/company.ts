import { channel } from './define';
import { bicText, optionalText, pageInput, refineZip, requiredText, z } from './zod-de';
import { isPlausibleVatId, isValidIban, normalizeIban, normalizeVatId } from '../validation';

export const COMPANY_KINDS = ['SANDBOX', 'PRODUCTION'] as const;
export type CompanyKind = (typeof COMPANY_KINDS)[number];

export interface CompanyProfile {
  readonly name: string;
  readonly street: string | null;
  readonly zip: string | null;
  readonly city: string | null;
  readonly country: string;
  readonly vatId: string | null;
  readonly taxNumber: string | null;
  readonly bankName: string | null;
  readonly iban: string | null;
  readonly bic: string | null;
  readonly email: string | null;
  readonly phone: string | null;
}

export interface CompanyInfo {
  readonly id: string;
  readonly filePath: string;
  readonly kind: CompanyKind;
  readonly createdAt: string;
  readonly profile: CompanyProfile;
}

export interface RecentCompanyFile {
  readonly filePath: string;
  readonly name: string;
  readonly kind: CompanyKind;
  readonly lastOpenedAt: string;
  readonly exists: boolean;
}

/** Preferences of this installation, kept outside the company files. */
export interface AppPreferences {
  /** Keep running in the tray / menu bar when the window is closed, so scheduled jobs go on. */
  readonly keepInTray: boolean;
}

export interface AuditEntry {
  readonly id: number;
  readonly at: string;
  readonly actor: string;
  readonly entity: string;
  readonly entityId: string;
  readonly action: 'CREATE' | 'UPDATE' | 'DELETE';
  readonly changes: readonly { readonly field: string; readonly old: unknown; readonly new: unknown }[];
}

const countryCode = z
  .string()
  .trim()
  .regex(/^[A-Z]{2}$/, { message: 'Land als ISO-Code mit zwei Buchstaben (z. B. DE)' })
  .default('DE');

export const companyProfileSchema = z.object({
  name: requiredText('Firmenname'),
  street: optionalText(200),
  zip: optionalText(20),
  city: optionalText(100),
  country: countryCode,
  vatId: optionalText(20)
    .transform((s) => (s === null ? null : normalizeVatId(s)))
    .refine((s) => s === null || isPlausibleVatId(s), { message: 'USt-IdNr. hat nicht die richtige Form (z. B. DE123456789)' }),
  taxNumber: optionalText(30),
  bankName: optionalText(100),
  iban: optionalText(42)
    .transform((s) => (s === null ? null : normalizeIban(s)))
    .refine((s) => s === null || isValidIban(s), { message: 'IBAN ist ungültig (Prüfziffer stimmt nicht)' }),
  bic: bicText(),
  email: optionalText(200).refine((s) => s === null || z.email().safeParse(s).success, { message: 'E-Mail-Adresse ist ungültig' }),
  phone: optionalText(50),
}).superRefine(refineZip);
export type CompanyProfileInput = z.input<typeof companyProfileSchema>;

export const companyChannels = {
  'company.current': channel<CompanyInfo | null>()(z.object({})),
  'company.recent': channel<readonly RecentCompanyFile[]>()(z.object({})),
  'company.create': channel<CompanyInfo>()(
    z.object({
      kind: z.enum(COMPANY_KINDS, { error: 'Art der Firmendatei wählen (Sandbox oder Produktion)' }),
      profile: companyProfileSchema,
      /** Where to create the file; default: the data folder. */
      filePath: z.string().min(1).optional(),
    }),
  ),
  'company.open': channel<CompanyInfo>()(z.object({ filePath: z.string().min(1, { message: 'Dateipfad fehlt' }) })),
  'company.close': channel<null>()(z.object({})),
  'company.updateProfile': channel<CompanyInfo>()(z.object({ profile: companyProfileSchema })),
  'app.preferences': channel<AppPreferences>()(z.object({})),
  'app.updatePreferences': channel<AppPreferences>()(z.object({ keepInTray: z.boolean() })),
  'audit.list': channel<{ readonly rows: readonly AuditEntry[]; readonly total: number }>()(
    z.object({
      entity: z.string().max(50, { message: 'Bereich: höchstens 50 Zeichen' }).optional(),
      entityId: z.string().max(100, { message: 'Datensatz: höchstens 100 Zeichen' }).optional(),
      search: z.string().max(100, { message: 'Suchbegriff: höchstens 100 Zeichen' }).optional(),
      ...pageInput,
    }),
  ),
};
