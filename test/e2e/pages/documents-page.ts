import type { Download, Locator, Page } from 'playwright-core';
import { navigate } from '../support/app';

/** The "Belege (PDF)" list, a document's preview and the "Belege und Briefkopf" settings. */
export class DocumentsPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await navigate(this.page, 'Belege (PDF)');
    await this.page.getByRole('heading', { name: 'Belege' }).waitFor();
  }

  rows(): Locator {
    return this.page.getByTestId('documents-table').locator('tbody tr');
  }

  async openDocument(number: string): Promise<void> {
    await this.rows().filter({ hasText: number }).click();
    await this.page.getByTestId('pdf-frame').waitFor();
  }

  /** The preview frame's document: a blob: URL (the CSP keeps the page itself from fetching it). */
  async previewFrameUrl(): Promise<string> {
    const src = (await this.page.getByTestId('pdf-frame').getAttribute('src')) ?? '';
    if (!src.startsWith('blob:')) throw new Error(`Vorschau ohne blob:-URL: ${src}`);
    await this.page.waitForFunction((url) => [...document.querySelectorAll('iframe')].some((f) => f.src === url), src);
    return src;
  }

  /** Saves the shown PDF through the "Speichern …" button and returns its bytes. */
  async downloadBytes(): Promise<{ name: string; bytes: Buffer }> {
    const download = await this.download();
    const path = await download.path();
    const { readFileSync } = await import('node:fs');
    return { name: download.suggestedFilename(), bytes: readFileSync(path) };
  }

  async download(): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByTestId('pdf-download').click()]);
    return download;
  }

  async checkArchive(): Promise<string> {
    await this.page.getByTestId('documents-check').click();
    const report = this.page.getByTestId('integrity-report');
    await report.waitFor();
    return (await report.textContent()) ?? '';
  }

  async openSettings(): Promise<void> {
    await navigate(this.page, 'Belege und Briefkopf');
    await this.page.getByTestId('document-settings-save').waitFor();
  }
}
