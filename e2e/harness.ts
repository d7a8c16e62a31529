/**
 * The tiny e2e harness: test files export `tests`, a list of named async functions that get a
 * running server's base URL and a launched Chromium. Assertions use node:assert.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const RESULTS_DIR = path.join(ROOT, 'test-results');

export interface E2eContext {
  baseUrl: string;
  browser: Browser;
  /** Saves test-results/<test>-<nn>-<name>.png and returns its path. */
  screenshot(page: Page, name: string): Promise<string>;
  log(message: string): void;
}

export interface E2eTest {
  name: string;
  run(ctx: E2eContext): Promise<void>;
}

export function screenshotter(testName: string): E2eContext['screenshot'] {
  let step = 0;
  const slug = testName.replace(/[^a-zA-Z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase();
  return async (page, name) => {
    mkdirSync(RESULTS_DIR, { recursive: true });
    step += 1;
    const file = path.join(RESULTS_DIR, `${slug}-${String(step).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    return file;
  };
}

export const DEMO_PASSWORD = 'Demo-pass-2026';
