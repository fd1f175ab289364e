// Screenshots of every page for the README, from the demo data set (demo/load-maven-crm, pipeline maven-crm).
// Usage: BASE=... ADMIN_KEY=... node screenshots.mjs <output dir>   (.ci/browser/run does this with SCREENSHOTS=dir)
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch } from './pages.mjs';

const BASE = process.env.BASE;
const ADMIN_KEY = process.env.ADMIN_KEY;
const OUT = process.argv[2];
const PIPELINE = 'maven-crm';
const AS_OF = '2017-12-31T00:00:00Z';

async function api(path, init = {}) {
  const response = await fetch(BASE + path, { ...init, headers: { Authorization: `Bearer ${ADMIN_KEY}`, 'Content-Type': 'application/json' } });
  if (!response.ok) {
    throw new Error(`${path}: ${response.status} ${await response.text()}`);
  }
  return response.json();
}

async function shot(page, path, name) {
  const response = await page.goto(BASE + path);
  if (response.status() !== 200) {
    throw new Error(`${path}: ${response.status()}`);
  }
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  console.log(`  ${name}.png  ${path}  (axe violations: ${axe.violations.length})`);
  // Long pages (the board, a busy rep's deals) are cut after their first screens: the README shows what a page is.
  const height = Math.min(2200, await page.evaluate(() => document.documentElement.scrollHeight));
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true, clip: { x: 0, y: 0, width: 1280, height } });
  return axe.violations.length;
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  const frozen = await api(`/api/v1/frozen?pipelineId=${PIPELINE}&asOf=${AS_OF}&limit=1`);
  const deal = frozen.items[0].opportunityId;
  const reps = await api(`/api/v1/analytics/reps?pipelineId=${PIPELINE}&asOf=${AS_OF}`);
  const busiest = reps.filter((r) => r.stage === 'engaging').sort((a, b) => b.closedVisits - a.closedVisits)[0].ownerId;
  const repKey = (await api('/api/v1/keys', { method: 'POST', body: JSON.stringify({ name: `screenshots ${busiest}`, roles: ['rep'], ownerId: busiest }) })).key;

  const profile = mkdtempSync(join(tmpdir(), 'ph-chromium-'));
  const browser = await launch(profile);
  let violations = 0;
  try {
    const page = browser.pages()[0] ?? await browser.newPage();
    violations += await shot(page, '/ui/login', 'login');
    await page.fill('input[name="key"]', ADMIN_KEY);
    await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
    violations += await shot(page, '/ui/', 'pipelines');
    violations += await shot(page, `/ui/pipelines/${PIPELINE}?asOf=${AS_OF}`, 'pipeline');
    violations += await shot(page, `/ui/pipelines/${PIPELINE}/frozen?asOf=${AS_OF}`, 'frozen-board');
    violations += await shot(page, `/ui/opportunities/${encodeURIComponent(deal)}?asOf=${AS_OF}`, 'opportunity');
    await page.click('text=Sign out');
    await page.fill('input[name="key"]', repKey);
    await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
    violations += await shot(page, `/ui/reps/${encodeURIComponent(busiest)}?pipelineId=${PIPELINE}&asOf=${AS_OF}`, 'rep');
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
  if (violations > 0) {
    console.log(`screenshots: ${violations} axe violations on the demo pages`);
    process.exit(1);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
