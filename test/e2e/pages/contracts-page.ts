import type { Page } from 'playwright-core';
import { navigate } from '../support/app';

/** Page objects: Kunden und Verträge → Verträge (with tab "Abo verwalten") and Fakturierung → Leistungen. */
export class ContractsPage {
  constructor(private readonly page: Page) {}

  /** Calls a channel through the web host as the renderer does (to seed master data owned by other screens). */
  async api<T>(channel: string, payload: unknown): Promise<T> {
    const result = await this.page.evaluate(
      async ([ch, body]) => {
        const token = sessionStorage.getItem('abowerk.token') ?? '';
        const response = await fetch('/api/call', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-abowerk-token': token },
          body: JSON.stringify({ channel: ch, payload: body }),
        });
        return (await response.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
      },
      [channel, payload] as const,
    );
    if (!result.ok) throw new Error(`${channel}: ${result.error?.message ?? 'Fehler'}`);
    return result.value as T;
  }

  async open(): Promise<void> {
    await navigate(this.page, 'Verträge');
    await this.page.getByTestId('contract-table').waitFor();
  }

  async select(testId: string, option: string): Promise<void> {
    await this.page.getByTestId(testId).click();
    await this.page.getByRole('option', { name: option }).first().click();
  }

  async createContract(f: { customer: string; project: string; start: string; intervalCount: number; intervalUnit: string }): Promise<void> {
    await this.page.getByTestId('contract-new').click();
    await this.select('contract-customer', f.customer);
    await this.select('contract-project', f.project);
    await this.page.getByTestId('contract-start').fill(f.start);
    const interval = this.page.getByTestId('contract-interval');
    await interval.getByRole('textbox').first().fill(String(f.intervalCount));
    await this.page.getByRole('combobox', { name: 'Abrechnungsintervall Einheit' }).click();
    await this.page.getByRole('option', { name: f.intervalUnit, exact: true }).click();
    await this.page.getByTestId('contract-save').click();
    await this.page.getByTestId('tab-items').waitFor();
  }

  async addItem(article: string, activeFrom: string): Promise<void> {
    await this.page.getByTestId('item-add').click();
    await this.select('item-article', article);
    await this.page.getByTestId('item-active-from').fill(activeFrom);
    await this.page.getByTestId('item-save').click();
    await this.page.getByRole('dialog').waitFor({ state: 'hidden' });
  }

  itemRows() {
    return this.page.getByTestId('item-table').locator('tbody tr');
  }

  async pause(article: string, from: string, until: string): Promise<void> {
    await this.itemRows().filter({ hasText: article }).first().getByTestId('item-actions').click();
    await this.page.getByTestId('item-pause').click();
    await this.page.getByTestId('pause-from').fill(from);
    await this.page.getByTestId('pause-until').fill(until);
    await this.page.getByTestId('pause-save').click();
    await this.page.getByRole('dialog').waitFor({ state: 'hidden' });
  }

  activityRows() {
    return this.page.getByTestId('activity-table').locator('tbody tr');
  }
}
