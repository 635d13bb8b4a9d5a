// The customers of an export, imported back (DOMAIN §12): the CSV file of one encoding, imported
// strictly into a fresh company file, and what that company then holds.
import type { CustomerDto } from '../../../shared/api/customers';
import type { ExportCsvEncoding } from '../../../shared/api/transfer';
import { createTestCompany, type TestCompany } from '../../support/company';

/** Customers created by the import and every customer of the fresh company, by number. */
export async function customersAfterRoundTrip(t: TestCompany, csvEncoding: ExportCsvEncoding): Promise<{ created: number; customers: CustomerDto[] }> {
  const exported = (await t.call('transfer.export', { format: 'csv', csvEncoding })).files.find((f) => f.dataset === 'customers')!;
  const other = await createTestCompany();
  try {
    const a = await other.call('transfer.analyze', { fileName: 'customers.csv', dataBase64: exported.base64, target: 'customers' });
    const r = await other.call('transfer.import', { fileId: a.fileId, target: 'customers', encoding: a.encoding, separator: a.separator, mapping: a.mapping, strict: true });
    return { created: r.created, customers: await customersOf(other) };
  } finally {
    await other.close();
  }
}

export async function customersOf(t: TestCompany): Promise<CustomerDto[]> {
  return Promise.all((await t.call('customers.list', { sort: 'number' })).rows.map((r) => t.call('customers.get', { id: r.id })));
}

/** A customer without what differs between two company files (id, timestamps). */
export const withoutIdentity = (c: CustomerDto) => ({ ...c, id: 0, createdAt: '', updatedAt: '' });
