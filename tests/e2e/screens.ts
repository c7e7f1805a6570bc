import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { resizeTo } from './harness';

/**
 * Checks of a screen that every UI test can share: axe-core's rules run in the page (the
 * library's own file, injected), and screenshots in both themes and at the two window sizes
 * the studio is designed for, written to .test-results/screens/ for a person to look at.
 */

const AXE = fs.readFileSync(path.join('node_modules', 'axe-core', 'axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Serious and critical axe-core violations inside `selector` (the whole page by default). */
export async function seriousViolations(page: Page, selector = 'body'): Promise<AxeViolation[]> {
  // Evaluated through the debugging protocol: the studio's Content-Security-Policy allows no inline script.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(`${AXE};0`);
  return page.evaluate(async (include) => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run({ include: Array.from(document.querySelectorAll(include)) }, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  }, selector);
}

export const SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 768 },
] as const;

/** The studio's theme, switched as the writer does (Ctrl+Shift+L), until the page says it is `theme`. */
export async function useTheme(page: Page, theme: 'light' | 'dark') {
  for (let i = 0; i < 2 && (await page.evaluate(() => document.documentElement.dataset.theme)) !== theme; i++) {
    await page.keyboard.press('Control+Shift+L');
    await page.waitForFunction((t) => document.documentElement.dataset.theme === t, theme);
  }
}

/**
 * For each size and theme: `prepare` puts the screen in the state to show, then a screenshot
 * is saved and axe-core runs on `selector`. Returns the violations found, by screen.
 */
export async function checkScreens(page: Page, name: string, selector: string, prepare: () => Promise<void>): Promise<Record<string, AxeViolation[]>> {
  const dir = path.join('.test-results', 'screens');
  fs.mkdirSync(dir, { recursive: true });
  const found: Record<string, AxeViolation[]> = {};
  for (const size of SIZES) {
    await resizeTo(page, size);
    for (const theme of ['light', 'dark'] as const) {
      await useTheme(page, theme);
      await prepare();
      const screen = `${name}-${size.width}x${size.height}-${theme}`;
      await page.screenshot({ path: path.join(dir, `${screen}.png`) });
      const violations = await seriousViolations(page, selector);
      if (violations.length > 0) found[screen] = violations;
    }
  }
  return found;
}
