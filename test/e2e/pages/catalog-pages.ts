import type { Page } from 'playwright-core';
import { navigate } from '../support/app';

/** Page object: Artikelverwaltung (Projekte, Warengruppen, Steuergruppen, Artikel with Preis prüfen). */
export class CatalogPages {
  constructor(private readonly page: Page) {}

  async createProject(number: string, name: string): Promise<void> {
    await navigate(this.page, 'Projekte verwalten');
    await this.page.getByTestId('project-new').click();
    await this.page.getByTestId('project-number').fill(number);
    await this.page.getByTestId('project-name').fill(name);
    await this.page.getByTestId('project-save').click();
    await this.page.getByTestId('project-table').getByText(name).waitFor();
    await this.page.getByRole('dialog').waitFor({ state: 'hidden' });
  }

  async createProductGroup(name: string, taxGroup: string): Promise<void> {
    await navigate(this.page, 'Warengruppen');
    await this.page.getByTestId('product-group-new').click();
    await this.page.getByTestId('product-group-name').fill(name);
    await this.page.getByTestId('product-group-tax-group').click();
    await this.page.getByRole('option', { name: taxGroup, exact: true }).click();
    await this.page.getByTestId('product-group-save').click();
    await this.page.getByTestId('product-group-table').getByText(name).waitFor();
    await this.page.getByRole('dialog').waitFor({ state: 'hidden' });
  }

  async startArticle(fields: { number: string; name: string; productGroup: string; project: string }): Promise<void> {
    await navigate(this.page, 'Artikel');
    await this.page.getByTestId('article-new').click();
    await this.page.getByTestId('article-number').fill(fields.number);
    await this.page.getByTestId('article-name').fill(fields.name);
    await this.page.getByTestId('article-product-group').click();
    await this.page.getByRole('option', { name: fields.productGroup }).click();
    // With a single project the form preselects it; clicking it again would deselect it.
    const pill = this.page.locator('.mantine-MultiSelect-root .mantine-Pill-label', { hasText: fields.project });
    if ((await pill.count()) === 0) {
      await this.page.getByTestId('article-projects').click({ force: true });
      await this.page.getByRole('option', { name: fields.project }).click();
      await this.page.keyboard.press('Escape');
    }
  }

  /** Fills row i of the price-variant table, adding rows as needed. */
  async fillVariant(i: number, v: { price: string; currency?: string; minQuantity?: string; validFrom?: string }): Promise<void> {
    const price = this.page.getByTestId(`variant-price-${i}`);
    if ((await price.count()) === 0) await this.page.getByTestId('variant-add').click();
    await price.fill(v.price);
    await this.page.getByTestId(`variant-currency-${i}`).fill(v.currency ?? 'EUR');
    await this.page.getByTestId(`variant-min-quantity-${i}`).fill(v.minQuantity ?? '');
    await this.page.getByTestId(`variant-valid-from-${i}`).fill(v.validFrom ?? '');
  }

  async saveArticle(): Promise<void> {
    await this.page.getByTestId('article-save').click();
  }

  async checkPrice(currency: string, quantity: string, date: string): Promise<void> {
    await this.page.getByTestId('price-check-currency').fill(currency);
    await this.page.getByTestId('price-check-quantity').fill(quantity);
    await this.page.getByTestId('price-check-date').fill(date);
    await this.page.getByTestId('price-check-run').click();
  }

  text(testId: string) {
    return this.page.getByTestId(testId);
  }
}
