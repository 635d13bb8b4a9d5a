// Append-only list of migrations, in order. Never edit a released migration: add a new one.
import type { MigrationInterface } from 'typeorm';
import { Foundation1764300000000 } from './1764300000000-foundation';
import { Catalog1764300100000 } from './1764300100000-catalog';
import { Contracts1764300200000 } from './1764300200000-contracts';
import { Billing1764300300000 } from './1764300300000-billing';
import { Documents1764300400000 } from './1764300400000-documents';
import { Bank1764300500000 } from './1764300500000-bank';
import { Datev1764300600000 } from './1764300600000-datev';
import { Transfer1764300700000 } from './1764300700000-transfer';
import { Jobs1764300800000 } from './1764300800000-jobs';
import { LedgerByDate1764300900000 } from './1764300900000-ledger-by-date';
import { BankBatches1764301000000 } from './1764301000000-bank-batches';
import { SearchKeys1764400000000 } from './1764400000000-search-keys';
import { TaxTreatment1764400100000 } from './1764400100000-tax-treatment';
import { NumberRangeIssued1764400200000 } from './1764400200000-number-range-issued';
import { BillingRunJob1764400300000 } from './1764400300000-billing-run-job';

type MigrationClass = new () => MigrationInterface;

export const allMigrations: MigrationClass[] = [Foundation1764300000000, Catalog1764300100000, Contracts1764300200000, Billing1764300300000, Documents1764300400000, Bank1764300500000, Datev1764300600000, Transfer1764300700000, Jobs1764300800000, LedgerByDate1764300900000, BankBatches1764301000000, SearchKeys1764400000000, TaxTreatment1764400100000, NumberRangeIssued1764400200000, BillingRunJob1764400300000];
