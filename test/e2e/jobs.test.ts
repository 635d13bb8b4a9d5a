import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeBrowser, createCompany, launchApp, navigate, type E2eApp } from './support/app';

describe('e2e: jobs and schedules', () => {
  let app: E2eApp;
  beforeEach(async () => {
    app = await launchApp();
  });
  afterEach(async () => app.close());
  afterAll(async () => closeBrowser());

  it('edits a schedule with the German editor, runs a job now, sees it finish and on the dashboard', async () => {
    const { page } = app;
    await createCompany(page, 'PRODUCTION');
    await page.getByTestId('scheduled-events').getByText('Datensicherung').waitFor();
    await navigate(page, 'Aufträge und Zeitpläne');
    const row = page.getByTestId('job-company.backup');
    await row.getByText('täglich um 22:00 Uhr').waitFor();

    await row.getByRole('button', { name: 'Zeitplan' }).click();
    await page.getByTestId('schedule-kind').click();
    await page.getByRole('option', { name: 'Wöchentlich' }).click();
    // A time that does not exist is refused at its field and cannot be saved.
    await page.getByLabel('Uhrzeit (HH:MM)').fill('25:99');
    await page.getByRole('dialog').getByText('Uhrzeit als HH:MM eingeben (00:00–23:59)').waitFor();
    expect(await page.getByRole('dialog').getByRole('button', { name: 'Speichern' }).isDisabled()).toBe(true);
    await app.shot('jobs-00-schedule-wrong-time');
    await page.getByLabel('Uhrzeit (HH:MM)').fill('07:30');
    await page.getByRole('dialog').getByText('wöchentlich am Montag um 07:30 Uhr').waitFor();
    await app.shot('jobs-01-schedule-editor');
    await page.getByRole('dialog').getByRole('button', { name: 'Speichern' }).click();
    await row.getByText('wöchentlich am Montag um 07:30 Uhr').waitFor();
    await row.getByText('30.11.2026 07:30').waitFor();

    await page.getByTestId('run-company.backup').click();
    await row.locator('[data-testid="job-progress"][data-state="done"]').waitFor();
    expect(await row.getByTestId('job-progress-count').textContent()).toBe('2 / 2');
    await app.shot('jobs-02-after-run');

    await navigate(page, 'Dashboard');
    const events = page.getByTestId('scheduled-events');
    await events.getByText('erfolgreich').waitFor();
    await app.shot('jobs-03-dashboard');
  });
});
