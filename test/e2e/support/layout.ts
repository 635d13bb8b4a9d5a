import type { Page } from 'playwright-core';

/** The smallest window Abowerk is laid out for. */
export const SMALL_WINDOW = { width: 1280, height: 800 } as const;

/**
 * What does not fit the window: horizontal scrolling of the page or its main area, badges whose
 * text is clipped („AK…“), and numbers without spaces (RE-2026-000001, V-000001) broken across
 * lines. Empty when the screen fits.
 */
export async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > window.innerWidth) problems.push(`Seite ${doc.scrollWidth} px breit bei ${window.innerWidth} px`);
    const main = document.querySelector<HTMLElement>('.mantine-AppShell-main');
    if (main && main.scrollWidth > main.clientWidth) problems.push(`Inhalt ${main.scrollWidth} px breit bei ${main.clientWidth} px`);
    for (const badge of document.querySelectorAll<HTMLElement>('.mantine-Badge-root, .mantine-Badge-label')) {
      if (badge.scrollWidth > badge.clientWidth) problems.push(`abgeschnitten: ${badge.textContent ?? ''}`);
    }
    for (const cell of document.querySelectorAll<HTMLElement>('td')) {
      const text = cell.textContent?.trim() ?? '';
      if (!/\d/.test(text) || /\s/.test(text)) continue;
      const range = document.createRange();
      range.selectNodeContents(cell);
      const tops = [...range.getClientRects()].map((r) => r.top).sort((a, b) => a - b);
      const lines = tops.filter((top, i) => i === 0 || top - (tops[i - 1] ?? top) > 8).length;
      if (lines > 1) problems.push(`umbrochen: ${text}`);
    }
    return problems;
  });
}
