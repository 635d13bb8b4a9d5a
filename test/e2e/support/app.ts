// Each e2e test gets a fresh data folder, its own web host and a fresh browser context.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from './browser';

export const ROOT = resolve(__dirname, '..', '..', '..');
export const SCREENSHOT_DIR = join(ROOT, 'test-artifacts', 'screenshots');

export interface E2eApp {
  readonly page: Page;
  readonly url: string;
  readonly dataDir: string;
  /** Saves a full-page screenshot under test-artifacts/screenshots/<name>.png. */
  shot(name: string): Promise<void>;
  /** Reloads the page, keeping the token in session storage. */
  reload(): Promise<void>;
  close(): Promise<void>;
}

export interface E2eOptions {
  /** Pins the app's clock (ISO instant), e.g. for scenario dates. */
  readonly clock?: string;
  /** Prepares the data folder before the web host starts (e.g. a seeded company file). */
  readonly prepare?: (dataDir: string) => Promise<void>;
}

function startWebHost(dataDir: string, clock?: string): Promise<{ child: ChildProcess; url: string }> {
  const entry = join(ROOT, 'dist', 'web-host', 'web-host.js');
  if (!existsSync(entry)) throw new Error('dist/web-host fehlt: zuerst "npm run build" (npm run test:e2e baut selbst).');
  const child = spawn(process.execPath, [entry], {
    env: { ...process.env, ABOWERK_DATA_DIR: dataDir, ...(clock ? { ABOWERK_CLOCK: clock } : {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolveStart, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`Web-Host startet nicht: ${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolveStart({ child, url: match[1] });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
    child.on('exit', (code) => reject(new Error(`Web-Host beendet (${String(code)}): ${output}`)));
  });
}

let sharedBrowser: Browser | null = null;

async function browser(): Promise<Browser> {
  sharedBrowser ??= await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
  return sharedBrowser;
}

export async function closeBrowser(): Promise<void> {
  await sharedBrowser?.close();
  sharedBrowser = null;
}

export async function launchApp(options: E2eOptions = {}): Promise<E2eApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'abowerk-e2e-'));
  await options.prepare?.(dataDir);
  const { child, url } = await startWebHost(dataDir, options.clock);
  const context = await (await browser()).newContext({ viewport: { width: 1400, height: 900 }, locale: 'de-DE', acceptDownloads: true });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  await page.goto(url);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    page,
    url,
    dataDir,
    shot: async (name) => {
      await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
    },
    reload: async () => {
      await page.reload();
    },
    close: async () => {
      await context.close();
      child.kill('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
      if (consoleErrors.some((e) => /Content Security Policy/.test(e))) {
        throw new Error(`CSP-Verstöße in der Oberfläche: ${consoleErrors.join('\n')}`);
      }
    },
  };
}

/** Creates a company file through the start screen. */
export async function createCompany(page: Page, kind: 'SANDBOX' | 'PRODUCTION' = 'SANDBOX', name = 'Musterfirma Abo GmbH'): Promise<void> {
  await page.getByTestId(kind === 'SANDBOX' ? 'kind-sandbox' : 'kind-production').check();
  await page.getByTestId('company-name').fill(name);
  await page.getByTestId('company-street').fill('Hauptstraße 1');
  await page.getByTestId('company-zip').fill('10115');
  await page.getByTestId('company-city').fill('Berlin');
  await page.getByTestId('company-vatId').fill('DE123456789');
  await page.getByTestId('company-taxNumber').fill('30/123/45678');
  await page.getByTestId('company-iban').fill('DE89370400440532013000');
  await page.getByTestId('company-create').click();
  await page.getByTestId('company-name').filter({ hasText: name }).waitFor();
}

/** Clicks a navigation entry by its German label. */
export async function navigate(page: Page, label: string): Promise<void> {
  await page.locator('nav, .mantine-AppShell-navbar').getByText(label, { exact: true }).first().click();
}
