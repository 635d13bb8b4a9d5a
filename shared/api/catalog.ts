// Catalog and pricing (DOMAIN §3, §4): projects, tax groups with rates over time, product
// groups, articles with their price variants, and "Preis prüfen".
import { channel, type Page } from './define';
import { decimalString, idSchema, isoDateSchema, optionalText, pageInput, requiredText, z } from './zod-de';
import { parseDecimal } from '../money';

export const ARTICLE_KINDS = ['SUBSCRIPTION', 'ONE_TIME'] as const;
export type ArticleKind = (typeof ARTICLE_KINDS)[number];
export const ARTICLE_KIND_LABELS: Readonly<Record<ArticleKind, string>> = {
  SUBSCRIPTION: 'Abo-Artikel',
  ONE_TIME: 'Einmal-Artikel',
};
export const SUBSCRIPTION_UNIT_LABELS: Readonly<Record<string, string>> = {
  DAY: 'Tag',
  WEEK: 'Woche',
  MONTH: 'Monat',
  YEAR: 'Jahr',
};

/**
 * How an invoice treats the VAT of a tax group (DOMAIN §3): STANDARD shows the tax;
 * KLEINUNTERNEHMER shows none, only the § 19 note; REVERSE_CHARGE shows 0 % with its note and
 * both VAT IDs (DATEV: the customer's VAT ID in column 40); NOT_TAXABLE shows 0 % with its note.
 * A property of the group, never read from its code: the code is only a name.
 */
export const TAX_TREATMENTS = ['STANDARD', 'KLEINUNTERNEHMER', 'REVERSE_CHARGE', 'NOT_TAXABLE'] as const;
export type TaxTreatment = (typeof TAX_TREATMENTS)[number];
export const TAX_TREATMENT_LABELS: Readonly<Record<TaxTreatment, string>> = {
  STANDARD: 'Steuerpflichtig (Umsatzsteuer ausweisen)',
  KLEINUNTERNEHMER: 'Kleinunternehmer (§ 19 UStG, keine Umsatzsteuer)',
  REVERSE_CHARGE: 'Reverse Charge (Steuerschuldnerschaft des Leistungsempfängers)',
  NOT_TAXABLE: 'Nicht im Inland steuerbar (z. B. Drittland)',
};

export interface ProjectDto {
  readonly id: number;
  readonly number: string;
  readonly name: string;
  readonly description: string | null;
  readonly articleCount: number;
}

export interface TaxRateDto {
  readonly id: number;
  /** Percent as a plain decimal string ("19", "16"). */
  readonly rate: string;
  readonly validFrom: string | null;
  readonly validTo: string | null;
}

export interface TaxGroupDto {
  readonly id: number;
  readonly code: string;
  readonly name: string;
  readonly invoiceNote: string | null;
  readonly accountSkr03: string | null;
  readonly accountSkr04: string | null;
  readonly requiresVatId: boolean;
  readonly treatment: TaxTreatment;
  /** One of the groups every company file starts with: its code and treatment are fixed. */
  readonly seeded: boolean;
  /** Sorted by validFrom (empty first). */
  readonly rates: readonly TaxRateDto[];
}

export interface ProductGroupDto {
  readonly id: number;
  readonly name: string;
  readonly taxGroupId: number;
  readonly taxGroupName: string;
  /** Overrides of the tax group's revenue account; null = the tax group's. */
  readonly accountSkr03: string | null;
  readonly accountSkr04: string | null;
}

export interface PriceVariantDto {
  readonly id: number;
  /** Net unit price, plain decimal with 4 decimals ("84.0336"). */
  readonly price: string;
  readonly currency: string;
  readonly minQuantity: string | null;
  readonly validFrom: string | null;
}

export interface ArticleDto {
  readonly id: number;
  readonly number: string;
  readonly name: string;
  readonly description: string | null;
  readonly kind: ArticleKind;
  readonly unit: string;
  readonly productGroupId: number;
  readonly productGroupName: string;
  readonly projectIds: readonly number[];
  readonly active: boolean;
  /** Sorted: currency, validFrom (empty first), minQuantity (empty first). */
  readonly variants: readonly PriceVariantDto[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface ArticleRow {
  readonly id: number;
  readonly number: string;
  readonly name: string;
  readonly kind: ArticleKind;
  readonly unit: string;
  readonly productGroupName: string;
  readonly projects: string;
  readonly active: boolean;
}

export interface PriceResolutionDto {
  readonly articleId: number;
  readonly articleNumber: string;
  readonly articleName: string;
  readonly currency: string;
  readonly quantity: string;
  readonly date: string;
  readonly variantId: number;
  /** Resolved net unit price (4 decimals). */
  readonly unitPrice: string;
  /** quantity × unit price, rounded to cents as an invoice line. */
  readonly net: string;
  readonly taxGroupName: string;
  readonly taxRate: string;
  readonly tax: string;
  readonly gross: string;
  readonly invoiceNote: string | null;
}

const accountSchema = optionalText(8).refine((s) => s === null || /^\d{4,8}$/.test(s), {
  message: 'Erlöskonto: 4 bis 8 Ziffern',
});
const currencySchema = z
  .string({ error: 'Währung fehlt' })
  .trim()
  .transform((s) => s.toUpperCase())
  .refine((s) => /^[A-Z]{3}$/.test(s), { message: 'Währung als ISO-Code mit drei Buchstaben (z. B. EUR)' });
const optionalDate = z
  .union([isoDateSchema, z.literal(''), z.null()])
  .optional()
  .transform((s) => (s === undefined || s === '' ? null : s));
const optionalDecimal = z
  .union([z.string(), z.null()])
  .optional()
  .transform((s) => (s === undefined || s === null || s.trim() === '' ? null : s))
  .refine((s) => s === null || parseDecimal(s) !== null, { message: 'Keine gültige Zahl' })
  .transform((s) => (s === null ? null : (parseDecimal(s) ?? 0).toString()));

export const projectFieldsSchema = z.object({
  number: requiredText('Projektnummer', 30),
  name: requiredText('Name', 200),
  description: optionalText(4000),
});

export const taxRateSchema = z.object({
  rate: decimalString,
  validFrom: optionalDate,
  validTo: optionalDate,
});

export const taxGroupFieldsSchema = z.object({
  code: requiredText('Kürzel', 40).refine((s) => /^[A-Z0-9_]+$/.test(s), {
    message: 'Kürzel: nur Großbuchstaben, Ziffern und _',
  }),
  name: requiredText('Name', 200),
  invoiceNote: optionalText(1000),
  accountSkr03: accountSchema,
  accountSkr04: accountSchema,
  requiresVatId: z.boolean().default(false),
  // Absent: an existing group keeps its treatment, a new one gets the presumed one (catalog rules).
  treatment: z.enum(TAX_TREATMENTS, { error: 'Steuerliche Behandlung auswählen' }).optional(),
  rates: z.array(taxRateSchema).min(1, { message: 'Mindestens ein Steuersatz ist nötig' }),
});
export type TaxGroupInput = z.input<typeof taxGroupFieldsSchema>;

export const productGroupFieldsSchema = z.object({
  name: requiredText('Name', 200),
  taxGroupId: idSchema,
  accountSkr03: accountSchema,
  accountSkr04: accountSchema,
});

export const priceVariantSchema = z.object({
  price: decimalString,
  currency: currencySchema,
  minQuantity: optionalDecimal,
  validFrom: optionalDate,
});

export const articleFieldsSchema = z.object({
  number: requiredText('Artikelnummer', 30),
  name: requiredText('Name', 200),
  description: optionalText(4000),
  kind: z.enum(ARTICLE_KINDS),
  unit: requiredText('Einheit', 40),
  productGroupId: idSchema,
  projectIds: z.array(idSchema).min(1, { message: 'Mindestens ein Projekt auswählen' }),
  active: z.boolean().default(true),
  variants: z.array(priceVariantSchema).default([]),
});
export type ArticleInput = z.input<typeof articleFieldsSchema>;
export type ArticleFields = z.output<typeof articleFieldsSchema>;

export const ARTICLE_SORTS = ['number', 'name', 'productGroup'] as const;

export const catalogChannels = {
  'catalog.projects': channel<readonly ProjectDto[]>()(z.object({})),
  'catalog.saveProject': channel<ProjectDto>()(z.object({ id: idSchema.optional(), project: projectFieldsSchema })),
  'catalog.taxGroups': channel<readonly TaxGroupDto[]>()(z.object({})),
  'catalog.saveTaxGroup': channel<TaxGroupDto>()(z.object({ id: idSchema.optional(), taxGroup: taxGroupFieldsSchema })),
  'catalog.productGroups': channel<readonly ProductGroupDto[]>()(z.object({})),
  'catalog.saveProductGroup': channel<ProductGroupDto>()(
    z.object({ id: idSchema.optional(), productGroup: productGroupFieldsSchema }),
  ),
  'catalog.articles': channel<Page<ArticleRow>>()(
    z.object({
      search: z.string().max(100).optional(),
      kind: z.enum(ARTICLE_KINDS).optional(),
      projectId: idSchema.optional(),
      includeInactive: z.boolean().default(false),
      sort: z.enum(ARTICLE_SORTS).default('number'),
      direction: z.enum(['asc', 'desc']).default('asc'),
      ...pageInput,
    }),
  ),
  'catalog.article': channel<ArticleDto>()(z.object({ id: idSchema })),
  'catalog.createArticle': channel<ArticleDto>()(z.object({ article: articleFieldsSchema })),
  'catalog.updateArticle': channel<ArticleDto>()(z.object({ id: idSchema, article: articleFieldsSchema })),
  'catalog.setArticleActive': channel<ArticleDto>()(z.object({ id: idSchema, active: z.boolean() })),
  /** "Preis prüfen": the §4 price and the §3 rate on that date, or PRICE_NOT_FOUND. */
  'catalog.resolvePrice': channel<PriceResolutionDto>()(
    z
      .object({
        articleId: idSchema.optional(),
        articleNumber: z.string().trim().min(1).optional(),
        currency: currencySchema,
        quantity: decimalString.refine((s) => !s.startsWith('-') && s !== '0', { message: 'Menge muss größer als 0 sein' }),
        date: isoDateSchema,
      })
      .refine((i) => i.articleId !== undefined || i.articleNumber !== undefined, {
        message: 'Artikel fehlt',
        path: ['articleId'],
      }),
  ),
};
