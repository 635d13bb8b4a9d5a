// 100 000 customers; the first list page (50 rows) sorted by name and with a search term,
// measured through the router as the UI calls it.
import { searchKey } from '../../shared/search-key';
import { createTestCompany } from '../support/company';
import { medianMs, report, type Bench } from './support';

const CITIES = ['Berlin', 'Hamburg', 'München', 'Köln', 'Frankfurt am Main', 'Stuttgart', 'Düsseldorf', 'Leipzig', 'Dortmund', 'Essen'];
const NAMES = ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann'];
const FORMS = ['GmbH', 'KG', 'AG', 'e.K.', 'GmbH & Co. KG'];

export async function seedCustomers(raw: import('better-sqlite3').Database, count: number, at: string): Promise<void> {
  const insert = raw.prepare(
    `INSERT INTO customer(number, kind, company_name, display_name, name_key, street, zip, city, city_key, country, email, debitor_account, created_at, updated_at)
     VALUES (?, 'COMPANY', ?, ?, ?, ?, ?, ?, ?, 'DE', ?, ?, ?, ?)`,
  );
  const account = raw.prepare(`INSERT INTO customer_account(customer_id, number, name, created_at) VALUES (?, ?, 'Kundenkonto', ?)`);
  raw.transaction(() => {
    for (let i = 1; i <= count; i++) {
      const name = `${NAMES[i % NAMES.length]} ${['Bau', 'Handel', 'Logistik', 'Technik', 'Service'][i % 5]} ${i} ${FORMS[i % FORMS.length]}`;
      const number = `K${String(i).padStart(6, '0')}`;
      const city = CITIES[i % CITIES.length]!;
      const id = insert.run(number, name, name, searchKey(name), `Straße ${i % 200}`, String(10000 + (i % 89999)), city, searchKey(city), `kontakt${i}@firma${i}.example`, String(10000 + (i % 59999)), at, at).lastInsertRowid;
      account.run(id, number, at);
    }
  })();
}

export const customersBench: Bench = {
  name: 'customers',
  async run() {
    const t = await createTestCompany();
    try {
      await seedCustomers(t.session.company().db.raw, 100_000, t.clock.now().toISOString());
      const sorted = await medianMs(30, () => t.call('customers.list', { sort: 'name', limit: 50 }));
      report('customers.list.median', sorted, 'ms');
      const searched = await medianMs(30, () => t.call('customers.list', { search: 'Logistik 4711', sort: 'name', limit: 50 }));
      report('customers.search.median', searched, 'ms');
      const broad = await medianMs(30, () => t.call('customers.list', { search: 'Müller', sort: 'name', limit: 50 }));
      report('customers.searchBroad.median', broad, 'ms');
    } finally {
      await t.close();
    }
  },
};
