// The demo page through a 1 MB answer, in headless Chromium: how long the longest task blocks the page, and how long
// until the whole answer shows. Runs the browser tests' support (npm ci in tests/browser first) against the API's
// Debug build (dotnet build src/StructuredStream.Api).
//   node bench/page/long-answer.mjs [runs]
import { launchBrowser, noBrowser } from '../../tests/browser/test/support/browser.mjs';
import { choose, openDemo, waitForPhase } from '../../tests/browser/test/support/demo.mjs';
import { apiMissing, startApi } from '../../tests/browser/test/support/service.mjs';

const runs = Number(process.argv[2] ?? 5);
if (noBrowser ?? apiMissing) {
  console.error(noBrowser ?? apiMissing);
  process.exit(2);
}

const api = await startApi();
const browser = await launchBrowser();
const rows = [];
try {
  for (let run = 0; run < runs; run++) {
    const { page } = await openDemo(browser.context, api.baseUrl);
    await choose(page, { view: 'answer', scenario: 'long', speed: '0' });
    await page.evaluate(() => { window.__longTasks = []; });
    const start = await page.evaluate(() => performance.now());
    await page.click('#generate');
    await waitForPhase(page, 'completed', 180_000);
    const completed = await page.evaluate(() => performance.now());
    await page.waitForFunction(() => document.querySelector('.markdown').textContent.length > 900_000, null, { timeout: 60_000 });
    const shown = await page.evaluate(() => performance.now());
    const tasks = await page.evaluate(() => window.__longTasks);
    rows.push({ longestTaskMs: Math.max(0, ...tasks), longTasks: tasks.length, completedMs: completed - start, wholeAnswerShownMs: shown - start });
    await page.close();
  }
} finally {
  await browser.close();
  await api.stop();
}

const median = key => {
  const values = rows.map(r => r[key]).sort((a, b) => a - b);
  return values[Math.floor(values.length / 2)];
};
for (const row of rows) console.log(JSON.stringify(Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Math.round(v)]))));
console.log(`median of ${runs}: longest task ${Math.round(median('longestTaskMs'))} ms, ${median('longTasks')} long tasks, ` +
  `final event after ${Math.round(median('completedMs'))} ms, whole answer shown after ${Math.round(median('wholeAnswerShownMs'))} ms`);
