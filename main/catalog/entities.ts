import { EntitySchema } from 'typeorm';
import type { TaxTreatment } from '../../shared/api/catalog';

export interface ProjectRecord {
  id: number;
  number: string;
  name: string;
  description: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface TaxGroupRecord {
  id: number;
  code: string;
  name: string;
  invoiceNote: string | null;
  accountSkr03: string | null;
  accountSkr04: string | null;
  requiresVatId: boolean;
  treatment: TaxTreatment;
  createdAt: string;
  updatedAt: string;
}

export interface TaxRateRecord {
  id: number;
  taxGroupId: number;
  /** Percent as TEXT decimal. */
  rate: string;
  validFrom: string | null;
  validTo: string | null;
}

export interface ProductGroupRecord {
  id: number;
  name: string;
  taxGroupId: number;
  accountSkr03: string | null;
  accountSkr04: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ArticleRecord {
  id: number;
  number: string;
  name: string;
  description: string | null;
  kind: 'SUBSCRIPTION' | 'ONE_TIME';
  unit: string;
  productGroupId: number;
  active: boolean;
  /** searchKey(name): what the article list searches and sorts by. */
  nameKey: string;
  createdAt: string;
  updatedAt: string;
}

export interface ArticleProjectRecord {
  articleId: number;
  projectId: number;
}

export interface PriceVariantRecord {
  id: number;
  articleId: number;
  /** Net unit price in 1/10 000. */
  priceUnits: number;
  currency: string;
  minQuantity: string | null;
  validFrom: string | null;
}

const text = (name: string, nullable = true) => ({ type: 'text' as const, name, nullable });
const id = { type: 'integer' as const, primary: true, generated: 'increment' as const };

export const ProjectEntity = new EntitySchema<ProjectRecord>({
  name: 'Project',
  tableName: 'project',
  columns: {
    id,
    number: text('number', false),
    name: text('name', false),
    description: text('description'),
    createdAt: text('created_at', false),
    updatedAt: text('updated_at', false),
  },
});

export const TaxGroupEntity = new EntitySchema<TaxGroupRecord>({
  name: 'TaxGroup',
  tableName: 'tax_group',
  columns: {
    id,
    code: text('code', false),
    name: text('name', false),
    invoiceNote: text('invoice_note'),
    accountSkr03: text('account_skr03'),
    accountSkr04: text('account_skr04'),
    requiresVatId: { type: 'boolean', name: 'requires_vat_id' },
    treatment: text('treatment', false),
    createdAt: text('created_at', false),
    updatedAt: text('updated_at', false),
  },
});

export const TaxRateEntity = new EntitySchema<TaxRateRecord>({
  name: 'TaxRate',
  tableName: 'tax_rate',
  columns: {
    id,
    taxGroupId: { type: 'integer', name: 'tax_group_id' },
    rate: text('rate', false),
    validFrom: text('valid_from'),
    validTo: text('valid_to'),
  },
});

export const ProductGroupEntity = new EntitySchema<ProductGroupRecord>({
  name: 'ProductGroup',
  tableName: 'product_group',
  columns: {
    id,
    name: text('name', false),
    taxGroupId: { type: 'integer', name: 'tax_group_id' },
    accountSkr03: text('account_skr03'),
    accountSkr04: text('account_skr04'),
    createdAt: text('created_at', false),
    updatedAt: text('updated_at', false),
  },
});

export const ArticleEntity = new EntitySchema<ArticleRecord>({
  name: 'Article',
  tableName: 'article',
  columns: {
    id,
    number: text('number', false),
    name: text('name', false),
    description: text('description'),
    kind: text('kind', false),
    unit: text('unit', false),
    productGroupId: { type: 'integer', name: 'product_group_id' },
    active: { type: 'boolean', name: 'active' },
    nameKey: text('name_key', false),
    createdAt: text('created_at', false),
    updatedAt: text('updated_at', false),
  },
});

export const ArticleProjectEntity = new EntitySchema<ArticleProjectRecord>({
  name: 'ArticleProject',
  tableName: 'article_project',
  columns: {
    articleId: { type: 'integer', name: 'article_id', primary: true },
    projectId: { type: 'integer', name: 'project_id', primary: true },
  },
});

export const PriceVariantEntity = new EntitySchema<PriceVariantRecord>({
  name: 'PriceVariant',
  tableName: 'price_variant',
  columns: {
    id,
    articleId: { type: 'integer', name: 'article_id' },
    priceUnits: { type: 'integer', name: 'price_units' },
    currency: text('currency', false),
    minQuantity: text('min_quantity'),
    validFrom: text('valid_from'),
  },
});

export const catalogEntities = [
  ProjectEntity,
  TaxGroupEntity,
  TaxRateEntity,
  ProductGroupEntity,
  ArticleEntity,
  ArticleProjectEntity,
  PriceVariantEntity,
] as EntitySchema[];
