import { EntitySchema } from 'typeorm';

export interface ContractRecord {
  id: number;
  number: string;
  customerId: number;
  projectId: number;
  currency: string;
  startDate: string;
  intervalCount: number;
  intervalUnit: string;
  billInAdvance: boolean;
  trialCount: number | null;
  trialUnit: string | null;
  trialOutcome: string;
  minimumTermCount: number | null;
  minimumTermUnit: string | null;
  renewalCount: number | null;
  renewalUnit: string | null;
  noticeCount: number | null;
  noticeUnit: string | null;
  billedUntil: string | null;
  endDate: string | null;
  endReason: string | null;
  noticeReceivedOn: string | null;
  paymentMethod: string | null;
  discount: string | null;
  discountFrom: string | null;
  discountUntil: string | null;
  notes: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface SubscriptionItemRecord {
  id: number;
  contractId: number;
  articleId: number;
  quantity: string;
  priceOverrideUnits: number | null;
  discount: string | null;
  discountFrom: string | null;
  discountUntil: string | null;
  activeFrom: string;
  activeUntil: string | null;
  billFrom: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ActivityRecord {
  id: number;
  contractId: number;
  itemId: number | null;
  articleId: number;
  origin: string;
  periodAnchor: string | null;
  periodStart: string;
  periodEnd: string;
  dueDate: string;
  serviceDate: string;
  quantity: string;
  unitPriceUnits: number;
  discount: string;
  netCents: number;
  description: string;
  state: string;
  invoiceId: number | null;
  correctsActivityId: number | null;
  releasedAt: string | null;
  createdAt: string;
}

const text = (name: string, nullable = true) => ({ type: 'text' as const, name, nullable });
const int = (name: string, nullable = true) => ({ type: 'integer' as const, name, nullable });

export const ContractEntity = new EntitySchema<ContractRecord>({
  name: 'Contract',
  tableName: 'contract',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    number: text('number', false),
    customerId: int('customer_id', false),
    projectId: int('project_id', false),
    currency: text('currency', false),
    startDate: text('start_date', false),
    intervalCount: int('interval_count', false),
    intervalUnit: text('interval_unit', false),
    billInAdvance: { type: 'boolean', name: 'bill_in_advance' },
    trialCount: int('trial_count'),
    trialUnit: text('trial_unit'),
    trialOutcome: text('trial_outcome', false),
    minimumTermCount: int('minimum_term_count'),
    minimumTermUnit: text('minimum_term_unit'),
    renewalCount: int('renewal_count'),
    renewalUnit: text('renewal_unit'),
    noticeCount: int('notice_count'),
    noticeUnit: text('notice_unit'),
    billedUntil: text('billed_until'),
    endDate: text('end_date'),
    endReason: text('end_reason'),
    noticeReceivedOn: text('notice_received_on'),
    paymentMethod: text('payment_method'),
    discount: text('discount'),
    discountFrom: text('discount_from'),
    discountUntil: text('discount_until'),
    notes: text('notes'),
    createdAt: text('created_at', false),
    updatedAt: text('updated_at', false),
  },
});

export const SubscriptionItemEntity = new EntitySchema<SubscriptionItemRecord>({
  name: 'SubscriptionItem',
  tableName: 'subscription_item',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    contractId: int('contract_id', false),
    articleId: int('article_id', false),
    quantity: text('quantity', false),
    priceOverrideUnits: int('price_override_units'),
    discount: text('discount'),
    discountFrom: text('discount_from'),
    discountUntil: text('discount_until'),
    activeFrom: text('active_from', false),
    activeUntil: text('active_until'),
    billFrom: text('bill_from'),
    createdAt: text('created_at', false),
    updatedAt: text('updated_at', false),
  },
});

export const ActivityEntity = new EntitySchema<ActivityRecord>({
  name: 'Activity',
  tableName: 'activity',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    contractId: int('contract_id', false),
    itemId: int('item_id'),
    articleId: int('article_id', false),
    origin: text('origin', false),
    periodAnchor: text('period_anchor'),
    periodStart: text('period_start', false),
    periodEnd: text('period_end', false),
    dueDate: text('due_date', false),
    serviceDate: text('service_date', false),
    quantity: text('quantity', false),
    unitPriceUnits: int('unit_price_units', false),
    discount: text('discount', false),
    netCents: int('net_cents', false),
    description: text('description', false),
    state: text('state', false),
    invoiceId: int('invoice_id'),
    correctsActivityId: int('corrects_activity_id'),
    releasedAt: text('released_at'),
    createdAt: text('created_at', false),
  },
});

export const contractEntities = [ContractEntity, SubscriptionItemEntity, ActivityEntity] as EntitySchema[];
