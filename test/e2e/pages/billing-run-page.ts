import type { Locator, Page } from 'playwright-core';
import { navigate } from '../support/app';

/** Fakturierung → Rechnungslauf: start a run for a Stichtag, watch its progress, read its report. */
export class BillingRunPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await navigate(this.page, 'Rechnungslauf');
    await this.page.getByTestId('billing-run-date').waitFor();
  }

  async start(date: string): Promise<void> {
    await this.page.getByTestId('billing-run-date').fill(date);
    await this.page.getByTestId('billing-run-start').click();
  }

  /** The job's progress bar; state is running, done, failed or cancelled. */
  progress(state?: string): Locator {
    return this.page.locator(state ? `[data-testid="job-progress"][data-state="${state}"]` : '[data-testid="job-progress"]');
  }

  /** "1.234 / 4.000" as [1234, 4000]. */
  async counts(): Promise<[number, number]> {
    const text = (await this.page.getByTestId('job-progress-count').textContent()) ?? '';
    const [current, total] = text.split('/').map((part) => Number(part.replace(/\D/g, '')));
    return [current ?? 0, total ?? 0];
  }

  report(): Locator {
    return this.page.getByTestId('billing-run-report');
  }

  async invoicesCreated(): Promise<string> {
    return (await this.page.getByTestId('run-invoices').textContent()) ?? '';
  }
}
