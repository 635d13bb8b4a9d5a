import type { Page } from 'playwright-core';
import { navigate } from '../support/app';

/** Page object: Kunden und Verträge → Kunden verwalten. */
export class CustomersPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await navigate(this.page, 'Kunden verwalten');
    await this.page.getByTestId('customer-table').waitFor();
  }

  async startNew(): Promise<void> {
    await this.page.getByTestId('customer-new').click();
  }

  async fill(fields: Partial<Record<'companyName' | 'city' | 'zip' | 'street' | 'email' | 'iban', string>>): Promise<void> {
    for (const [key, value] of Object.entries(fields)) await this.page.getByTestId(`customer-${key}`).fill(value);
  }

  async save(): Promise<void> {
    await this.page.getByTestId('customer-save').click();
  }

  fieldError(label: string) {
    return this.page.locator('.mantine-InputWrapper-root', { hasText: label }).locator('.mantine-InputWrapper-error');
  }

  async search(term: string): Promise<void> {
    await this.page.getByTestId('customer-search').fill(term);
  }

  rows() {
    return this.page.getByTestId('customer-table').locator('tbody tr');
  }
}
