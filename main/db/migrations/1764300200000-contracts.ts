import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Contracts and the subscription engine (DOMAIN §6): contracts, subscription items and
 * activities (Leistungen). Unit prices are INTEGER 1/10 000, amounts INTEGER cents,
 * quantities and percentages TEXT decimals — never REAL.
 */
export class Contracts1764300200000 implements MigrationInterface {
  name = 'Contracts1764300200000';

  async up(q: QueryRunner): Promise<void> {
    const unit = (col: string) => `${col} TEXT CHECK (${col} IS NULL OR ${col} IN ('DAY', 'WEEK', 'MONTH', 'YEAR'))`;
    const statements = [
      `CREATE TABLE contract (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        number TEXT NOT NULL UNIQUE,
        customer_id INTEGER NOT NULL REFERENCES customer(id),
        project_id INTEGER NOT NULL REFERENCES project(id),
        currency TEXT NOT NULL DEFAULT 'EUR' CHECK (length(currency) = 3),
        start_date TEXT NOT NULL,
        interval_count INTEGER NOT NULL CHECK (interval_count >= 1),
        interval_unit TEXT NOT NULL CHECK (interval_unit IN ('DAY', 'WEEK', 'MONTH', 'YEAR')),
        bill_in_advance INTEGER NOT NULL DEFAULT 1 CHECK (bill_in_advance IN (0, 1)),
        trial_count INTEGER CHECK (trial_count IS NULL OR trial_count >= 1),
        ${unit('trial_unit')},
        trial_outcome TEXT NOT NULL DEFAULT 'CONTINUE' CHECK (trial_outcome IN ('CONTINUE', 'END')),
        minimum_term_count INTEGER CHECK (minimum_term_count IS NULL OR minimum_term_count >= 1),
        ${unit('minimum_term_unit')},
        renewal_count INTEGER CHECK (renewal_count IS NULL OR renewal_count >= 1),
        ${unit('renewal_unit')},
        notice_count INTEGER CHECK (notice_count IS NULL OR notice_count >= 1),
        ${unit('notice_unit')},
        billed_until TEXT,
        end_date TEXT,
        end_reason TEXT CHECK (end_reason IS NULL OR end_reason IN ('NOTICE', 'TERMINATION')),
        notice_received_on TEXT,
        payment_method TEXT,
        discount TEXT,
        discount_from TEXT,
        discount_until TEXT,
        notes TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        CHECK (end_date IS NULL OR end_date >= start_date)
      )`,
      `CREATE INDEX contract_customer ON contract(customer_id)`,
      `CREATE TRIGGER contract_no_delete BEFORE DELETE ON contract
        BEGIN SELECT RAISE(ABORT, 'Verträge werden nicht gelöscht, sondern gekündigt oder beendet'); END`,
      `CREATE TABLE subscription_item (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        contract_id INTEGER NOT NULL REFERENCES contract(id),
        article_id INTEGER NOT NULL REFERENCES article(id),
        quantity TEXT NOT NULL,
        price_override_units INTEGER CHECK (price_override_units IS NULL OR price_override_units >= 0),
        discount TEXT,
        discount_from TEXT,
        discount_until TEXT,
        active_from TEXT NOT NULL,
        active_until TEXT,
        bill_from TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        CHECK (active_until IS NULL OR active_until >= active_from)
      )`,
      `CREATE INDEX subscription_item_contract ON subscription_item(contract_id)`,
      `CREATE TABLE activity (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        contract_id INTEGER NOT NULL REFERENCES contract(id),
        item_id INTEGER REFERENCES subscription_item(id),
        article_id INTEGER NOT NULL REFERENCES article(id),
        origin TEXT NOT NULL CHECK (origin IN ('SUBSCRIPTION', 'ONE_TIME', 'PRORATION')),
        period_anchor TEXT,
        period_start TEXT NOT NULL,
        period_end TEXT NOT NULL,
        due_date TEXT NOT NULL,
        service_date TEXT NOT NULL,
        quantity TEXT NOT NULL,
        unit_price_units INTEGER NOT NULL,
        discount TEXT NOT NULL DEFAULT '0',
        net_cents INTEGER NOT NULL,
        description TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'OPEN' CHECK (state IN ('OPEN', 'BILLED', 'VOIDED')),
        invoice_id INTEGER,
        corrects_activity_id INTEGER REFERENCES activity(id),
        released_at TEXT,
        created_at TEXT NOT NULL,
        CHECK (period_end >= period_start)
      )`,
      `CREATE INDEX activity_contract ON activity(contract_id, due_date)`,
      `CREATE INDEX activity_due ON activity(state, due_date)`,
      `CREATE INDEX activity_item ON activity(item_id, period_anchor)`,
      `CREATE INDEX activity_invoice ON activity(invoice_id)`,
      // Idempotency in the database too: one subscription activity per item and period, unless
      // billFrom released a voided one for re-billing.
      `CREATE UNIQUE INDEX activity_one_per_period ON activity(item_id, period_anchor)
        WHERE origin = 'SUBSCRIPTION' AND released_at IS NULL`,
      `CREATE TRIGGER activity_delete_open_only BEFORE DELETE ON activity WHEN old.state <> 'OPEN'
        BEGIN SELECT RAISE(ABORT, 'Nur nicht abgerechnete Leistungen können gelöscht werden'); END`,
      `CREATE TRIGGER activity_billed_fixed BEFORE UPDATE ON activity WHEN old.state <> 'OPEN' AND (
          new.contract_id IS NOT old.contract_id OR new.item_id IS NOT old.item_id OR new.article_id IS NOT old.article_id
          OR new.origin IS NOT old.origin OR new.period_anchor IS NOT old.period_anchor
          OR new.period_start IS NOT old.period_start OR new.period_end IS NOT old.period_end
          OR new.due_date IS NOT old.due_date OR new.service_date IS NOT old.service_date
          OR new.quantity IS NOT old.quantity OR new.unit_price_units IS NOT old.unit_price_units
          OR new.discount IS NOT old.discount OR new.net_cents IS NOT old.net_cents OR new.description IS NOT old.description)
        BEGIN SELECT RAISE(ABORT, 'Abgerechnete Leistungen sind unveränderlich'); END`,
      `CREATE TRIGGER activity_state_forward BEFORE UPDATE OF state ON activity WHEN
          (old.state = 'BILLED' AND new.state = 'OPEN') OR (old.state = 'VOIDED' AND new.state <> 'VOIDED')
        BEGIN SELECT RAISE(ABORT, 'Der Status einer abgerechneten Leistung kann nicht zurückgesetzt werden'); END`,
    ];
    for (const sql of statements) await q.query(sql);
  }

  async down(): Promise<void> {
    throw new Error('Migrationen werden nicht zurückgenommen; eine Sicherung wird vor jeder Migration angelegt.');
  }
}
