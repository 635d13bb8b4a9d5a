import { EntitySchema } from 'typeorm';

export interface CustomerRecord {
  id: number;
  number: string;
  kind: 'COMPANY' | 'PERSON';
  companyName: string | null;
  firstName: string | null;
  lastName: string | null;
  displayName: string;
  /** searchKey(displayName) and searchKey(city): what the customer list searches and sorts by. */
  nameKey: string;
  cityKey: string | null;
  street: string | null;
  zip: string | null;
  city: string | null;
  country: string;
  email: string | null;
  phone: string | null;
  vatId: string | null;
  language: 'de' | 'en';
  paymentMethod: string;
  paymentTermsDays: number;
  iban: string | null;
  bic: string | null;
  notes: string | null;
  debitorAccount: string;
  collectiveInvoicing: boolean;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface CustomerAccountRecord {
  id: number;
  customerId: number;
  number: string;
  name: string;
  createdAt: string;
}

const text = (name: string, nullable = true) => ({ type: 'text' as const, name, nullable });

export const CustomerEntity = new EntitySchema<CustomerRecord>({
  name: 'Customer',
  tableName: 'customer',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    number: text('number', false),
    kind: text('kind', false),
    companyName: text('company_name'),
    firstName: text('first_name'),
    lastName: text('last_name'),
    displayName: text('display_name', false),
    nameKey: text('name_key', false),
    cityKey: text('city_key'),
    street: text('street'),
    zip: text('zip'),
    city: text('city'),
    country: text('country', false),
    email: text('email'),
    phone: text('phone'),
    vatId: text('vat_id'),
    language: text('language', false),
    paymentMethod: text('payment_method', false),
    paymentTermsDays: { type: 'integer', name: 'payment_terms_days' },
    iban: text('iban'),
    bic: text('bic'),
    notes: text('notes'),
    debitorAccount: text('debitor_account', false),
    collectiveInvoicing: { type: 'boolean', name: 'collective_invoicing' },
    active: { type: 'boolean', name: 'active' },
    createdAt: text('created_at', false),
    updatedAt: text('updated_at', false),
  },
});

export const CustomerAccountEntity = new EntitySchema<CustomerAccountRecord>({
  name: 'CustomerAccount',
  tableName: 'customer_account',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    customerId: { type: 'integer', name: 'customer_id' },
    number: text('number', false),
    name: text('name', false),
    createdAt: text('created_at', false),
  },
});

export const customerEntities = [CustomerEntity, CustomerAccountEntity] as EntitySchema[];
