// The pages (/ui, issue 19) in a real browser: Debian's chromium driven by playwright-core, with axe-core.
// Usage: BASE=http://localhost:8080 ADMIN_KEY=... node pages.mjs
// Makes its own tenant data through the API, then checks, as people use the pages:
//  - a rep signs in and sees only their own deals (another rep's deal is a 404 page);
//  - an admin hands a frozen deal to nurturing with the board's button: it leaves the board, the API says NURTURING;
//  - axe-core finds no violation of wcag2a, wcag2aa, wcag21a, wcag21aa, wcag22aa on every page;
//  - the keyboard alone reaches every link and button of every page;
//  - signing out sends every page back to the sign-in.
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BASE = process.env.BASE ?? 'http://localhost:8080';
const ADMIN_KEY = process.env.ADMIN_KEY;
if (!ADMIN_KEY) {
  console.error('set ADMIN_KEY to an admin key of the service at ' + BASE);
  process.exit(2);
}
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const RUN = Date.now().toString(36);
const PIPELINE = `ui-${RUN}`;
const failures = [];

function check(condition, message) {
  if (condition) {
    console.log(`  ok   ${message}`);
  } else {
    console.log(`  FAIL ${message}`);
    failures.push(message);
  }
}

async function api(method, path, body, key = ADMIN_KEY) {
  const response = await fetch(BASE + path, {
    method,
    headers: { Authorization: `Bearer ${key}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`${method} ${path}: ${response.status} ${text}`);
  }
  return text ? JSON.parse(text) : null;
}

function history(opportunityId, ownerId, ...stageAndInstant) {
  const events = [];
  for (let i = 0; i < stageAndInstant.length; i += 2) {
    events.push({ eventId: `${opportunityId}-e${i / 2}`, opportunityId, pipelineId: PIPELINE,
      stage: stageAndInstant[i], occurredAt: stageAndInstant[i + 1], ownerId });
  }
  return events;
}

/** A pipeline with won, open and frozen deals of two reps; answers the rep key of ana. */
async function seed() {
  await api('PUT', `/api/v1/pipelines/${PIPELINE}`, {
    name: 'Browser test B2B',
    stages: [
      { key: 'qualify', standard: 'P5D' }, { key: 'discover', standard: 'P10D' },
      { key: 'propose', standard: 'P7D' }, { key: 'won', kind: 'WON' }, { key: 'lost', kind: 'LOST' }],
  });
  const now = Date.now();
  const daysAgo = (d) => new Date(now - d * 86_400_000).toISOString();
  const events = [
    ...history(`${RUN}-ana-won`, 'ana', 'qualify', daysAgo(60), 'discover', daysAgo(58), 'propose', daysAgo(40), 'won', daysAgo(30)),
    ...history(`${RUN}-bob-won`, 'bob', 'qualify', daysAgo(50), 'discover', daysAgo(44), 'propose', daysAgo(35), 'won', daysAgo(29)),
    ...history(`${RUN}-ana-open`, 'ana', 'qualify', daysAgo(2)),
    ...history(`${RUN}-ana-frozen`, 'ana', 'qualify', daysAgo(40)),
    ...history(`${RUN}-bob-frozen`, 'bob', 'qualify', daysAgo(45), 'discover', daysAgo(40)),
    ...history(`${RUN}-bob-frozen2`, 'bob', 'qualify', daysAgo(45)),
  ];
  await api('POST', '/api/v1/transitions', events);
  const key = await api('POST', '/api/v1/keys', { name: `ana ${RUN}`, roles: ['rep'], ownerId: 'ana' });
  return key.key;
}

async function signIn(page, key) {
  await page.goto(`${BASE}/ui/login`);
  await page.fill('input[name="key"]', key);
  await page.click('button[type="submit"]');
  await page.waitForLoadState('load');
}

async function axe(page, name) {
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const detail = result.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  check(result.violations.length === 0, `axe: no WCAG 2.2 AA violation on ${name}${detail.length ? ' -- ' + detail.join('; ') : ''}`);
}

/** Tabs through the page from the top and checks every visible link and button got the focus. */
async function keyboard(page, name) {
  const targets = await page.$$eval('a[href], button, input:not([type=hidden]), [tabindex="0"]', (elements) =>
    elements.filter((e) => e.getClientRects().length > 0).map((e, i) => {
      e.dataset.kb = String(i);
      return String(i);
    }));
  await page.evaluate(() => { document.activeElement?.blur(); window.scrollTo(0, 0); });
  const reached = new Set();
  for (let i = 0; i < targets.length + 5; i++) {
    await page.keyboard.press('Tab');
    const id = await page.evaluate(() => document.activeElement?.dataset?.kb ?? null);
    if (id !== null) {
      reached.add(id);
    }
  }
  const missed = targets.filter((id) => !reached.has(id));
  check(missed.length === 0 && targets.length > 0, `keyboard reaches all ${targets.length} links, buttons and fields on ${name}` +
    (missed.length ? ` -- missed ${missed.length}` : ''));
}

async function audit(page, name) {
  await axe(page, name);
  await keyboard(page, name);
}

/** Debian's chromium with a fresh profile (playwright takes it as userDataDir, for --user-data-dir). */
export function launch(profile) {
  return chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

async function main() {
  const repKey = await seed();
  const profile = mkdtempSync(join(tmpdir(), 'ph-chromium-'));
  const browser = await launch(profile);
  try {
    const page = browser.pages()[0] ?? await browser.newPage();

    console.log('-- axe itself: a page with a known violation must fail it');
    await page.setContent('<!DOCTYPE html><html><head><title>t</title></head><body><main><img src="x.png"></main></body></html>');
    const known = await new AxeBuilder({ page }).withTags(TAGS).analyze();
    check(known.violations.some((v) => v.id === 'image-alt') && !(await page.evaluate(() => document.documentElement.lang)),
      'axe reports the image without alt text of a test page (so a zero below means something)');

    console.log('-- the sign-in page');
    await page.goto(`${BASE}/ui/login`);
    await audit(page, 'the sign-in page');

    console.log('-- a rep signs in and sees only their own deals');
    await signIn(page, repKey);
    check(new URL(page.url()).pathname === '/ui/reps/ana', `a rep lands on their own page (${page.url()})`);
    await page.goto(`${BASE}/ui/reps/ana?pipelineId=${PIPELINE}`);
    const dealLinks = await page.$$eval('a[href^="/ui/opportunities/"]', (as) => as.map((a) => a.textContent.trim()));
    check(dealLinks.includes(`${RUN}-ana-frozen`) && dealLinks.includes(`${RUN}-ana-open`), `the rep page lists ana's deals (${dealLinks})`);
    check(!(await page.content()).includes(`${RUN}-bob`), 'the rep page shows none of bob\'s deals');
    await audit(page, 'the rep page');
    await page.goto(`${BASE}/ui/opportunities/${RUN}-ana-frozen`);
    await audit(page, 'a deal of the rep');
    const other = await page.goto(`${BASE}/ui/opportunities/${RUN}-bob-frozen`);
    check(other.status() === 404, `another rep's deal is a 404 page (${other.status()})`);
    await audit(page, 'the 404 page');
    const team = await page.goto(`${BASE}/ui/pipelines/${PIPELINE}`);
    check(team.status() === 403, `a team page is a 403 for a rep (${team.status()})`);
    await page.click('text=Sign out');
    check(new URL(page.url()).pathname === '/ui/login', 'the rep signed out');

    console.log('-- an admin hands a frozen deal to nurturing from the board');
    await signIn(page, ADMIN_KEY);
    check(new URL(page.url()).pathname === '/ui/', `an admin lands on the pipelines (${page.url()})`);
    await audit(page, 'the pipelines page');
    await page.goto(`${BASE}/ui/pipelines/${PIPELINE}`);
    await audit(page, 'the pipeline view');
    await page.goto(`${BASE}/ui/pipelines/${PIPELINE}/frozen`);
    await audit(page, 'the frozen board');
    const deal = `${RUN}-bob-frozen`;
    const row = page.locator('tr', { has: page.locator(`a:text-is("${deal}")`) });
    await row.locator('input[name="reason"]').fill('No answer for a month');
    await Promise.all([page.waitForNavigation(), row.locator('button', { hasText: 'to nurturing' }).click()]);
    check(new URL(page.url()).pathname === `/ui/pipelines/${PIPELINE}/frozen`, 'the board comes back after the hand-off');
    check(await page.locator(`a:text-is("${deal}")`).count() === 0, 'the handed-off deal left the board');
    check(await page.locator(`a:text-is("${RUN}-bob-frozen2")`).count() === 1, 'the other frozen deals stay on the board');
    const view = await api('GET', `/api/v1/opportunities/${deal}`);
    check(view.state === 'NURTURING', `the API says ${deal} is ${view.state}`);
    await page.goto(`${BASE}/ui/opportunities/${deal}`);
    await audit(page, 'the deal timeline');
    const bad = await page.goto(`${BASE}/ui/pipelines/${PIPELINE}?asOf=yesterday`);
    check(bad.status() === 400 && (await page.content()).includes('asOf'), `a bad asOf is a 400 page naming asOf (${bad.status()})`);
    await audit(page, 'the 400 page');
    await page.goto(`${BASE}/ui/reps/bob?pipelineId=${PIPELINE}`);
    await audit(page, 'a rep page seen by the admin');

    console.log('-- signing out sends every page back to the sign-in');
    await page.goto(`${BASE}/ui/`);
    await page.click('text=Sign out');
    check(new URL(page.url()).pathname === '/ui/login', 'sign out shows the sign-in');
    for (const path of ['/ui/', `/ui/pipelines/${PIPELINE}`, `/ui/pipelines/${PIPELINE}/frozen`,
      `/ui/opportunities/${deal}`, `/ui/reps/ana?pipelineId=${PIPELINE}`]) {
      await page.goto(BASE + path);
      check(new URL(page.url()).pathname === '/ui/login', `after sign-out ${path} goes to the sign-in`);
    }
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
  if (failures.length) {
    console.log(`browser tests: ${failures.length} FAILED`);
    process.exit(1);
  }
  console.log('browser tests: all passed');
}

// Run as a script (not when screenshots.mjs imports launch from here).
if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
