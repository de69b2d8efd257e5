// Real headless Chromium for the page tests: Debian's `chromium` (no browser download), driven by playwright-core.
// Every page records layout shifts and Content-Security-Policy violations from its first moment.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { repoRoot } from './service.mjs';

// $CHROMIUM, else Debian's chromium, else a Chrome the machine has (CI runners often ship one).
const candidates = [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter(Boolean);

/** Where Chromium is, or why the browser tests cannot run. */
export const browserPath = candidates.find(existsSync);
export const noBrowser = browserPath ? undefined : 'chromium is not installed (bash .ci/run installs Debian\'s package)';

export async function launchBrowser() {
  const profile = mkdtempSync(path.join(tmpdir(), 'structuredstream-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: browserPath,
    headless: true,
    viewport: { width: 1200, height: 1000 },
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  await context.addInitScript(() => {
    window.__layoutShift = 0;
    window.__cspViolations = [];
    window.__longTasks = [];
    new PerformanceObserver(list => {
      for (const entry of list.getEntries()) window.__longTasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: true });
    new PerformanceObserver(list => {
      for (const entry of list.getEntries()) {
        // Shifts right after a click or key press are expected by the user and not counted (as in CLS).
        if (!entry.hadRecentInput) window.__layoutShift += entry.value;
      }
    }).observe({ type: 'layout-shift', buffered: true });
    document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Saves a screenshot of the page under artifacts/screenshots (and docs/screenshots when asked to refresh them). */
export async function saveScreenshot(page, name) {
  const folders = [path.join(repoRoot, 'artifacts', 'screenshots')];
  if (process.env.STRUCTUREDSTREAM_UPDATE_SCREENSHOTS === '1') folders.push(path.join(repoRoot, 'docs', 'screenshots'));
  for (const folder of folders) {
    mkdirSync(folder, { recursive: true });
    await page.screenshot({ path: path.join(folder, `${name}.png`), fullPage: true });
  }
}
