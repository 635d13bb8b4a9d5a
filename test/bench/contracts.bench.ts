// Activity generation for 2 000 contracts with 2 items each (monthly since 01.01.2025): the
// first run (creates ~100 000 activities), the idempotent second run, and the Leistungen list.
import { generateActivities } from '../../main/contracts/service';
import { createTestCompany } from '../support/company';
import { seedCustomers } from './customers.bench';
import { medianMs, report, timeMs, type Bench } from './support';

const CONTRACTS = 2_000;

export const contractsBench: Bench = {
  name: 'contracts',
  async run() {
    const t = await createTestCompany({ now: '2026-12-01T09:00:00Z' });
    try {
      const db = t.session.company().db;
      const raw = db.raw;
      const at = t.clock.now().toISOString();
      await seedCustomers(raw, CONTRACTS, at);
      const project = await t.call('catalog.saveProject', { project: { number: 'P1', name: 'Abo' } });
      const group = (await t.call('catalog.taxGroups', {}))[0]?.id ?? 0;
      const pg = await t.call('catalog.saveProductGroup', { productGroup: { name: 'Standard', taxGroupId: group } });
      const article = (number: string, price: string) =>
        t.call('catalog.createArticle', {
          article: { number, name: number, kind: 'SUBSCRIPTION', unit: 'MONTH', productGroupId: pg.id, projectIds: [project.id], variants: [{ price, currency: 'EUR', minQuantity: null, validFrom: null }] },
        });
      const a = await article('BASIS', '29,90');
      const b = await article('PLUS', '9,99');
      const insertContract = raw.prepare(
        `INSERT INTO contract(number, customer_id, project_id, currency, start_date, interval_count, interval_unit, bill_in_advance, trial_outcome, created_at, updated_at)
         VALUES (?, ?, ?, 'EUR', '2025-01-01', 1, 'MONTH', 1, 'CONTINUE', ?, ?)`,
      );
      const insertItem = raw.prepare(
        `INSERT INTO subscription_item(contract_id, article_id, quantity, active_from, created_at, updated_at) VALUES (?, ?, '1', '2025-01-01', ?, ?)`,
      );
      raw.transaction(() => {
        for (let i = 1; i <= CONTRACTS; i++) {
          const id = insertContract.run(`V-${String(i).padStart(6, '0')}`, i, project.id, at, at).lastInsertRowid;
          insertItem.run(id, a.id, at, at);
          insertItem.run(id, b.id, at, at);
        }
      })();
      let created = 0;
      const first = await timeMs(async () => {
        created = (await generateActivities(db, '2026-12-01')).created;
      });
      report('contracts.generate.first', first, 'ms');
      report('contracts.generate.activitiesPerSecond', (created / first) * 1000, 'activities/s');
      const second = await timeMs(() => generateActivities(db, '2026-12-01'));
      report('contracts.generate.idempotentRun', second, 'ms');
      const list = await medianMs(20, () => t.call('activities.list', { origin: 'SUBSCRIPTION', from: '2026-12-01', to: '2026-12-31', limit: 50 }));
      report('contracts.activitiesList.median', list, 'ms');
    } finally {
      await t.close();
    }
  },
};
