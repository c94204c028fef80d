// address_search.test.mjs: a resident finds the Masłowo schedule in Chromium, once with the
// search suggestions (keyboard only) and once with JavaScript disabled (plain form submits).
// The expected dates are read from the bundled Przodkowo calendar, not from the portal.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BASE_URL = (process.env.RATUSZ_URL ?? 'http://127.0.0.1:8181').replace(/\/$/, '');
const SCREENSHOT_DIR = process.env.RATUSZ_VAR ?? path.join(REPO, 'var', 'test');
const NOW = '2025-01-20T10:00:00Z';
const TODAY = '2025-01-20';
const PRZODKOWO = '2205032';

// Flags for Debian's Chromium as root in a container: no sandbox (it needs user
// namespaces), and nothing that reaches beyond the local stack.
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

// Fraction names of the Przodkowo calendar and their canonical codes. Fee due dates
// ("TERMIN PŁATNOŚCI") are not collections.
const FRACTIONS = {
  ZMIESZANE: 'zmieszane', PAPIER: 'papier', PLASTIK: 'metale_tworzywa',
  'SZKŁO': 'szklo', BIO: 'bio', 'POPIÓŁ': 'popiol',
};
const NOT_PICKUPS = new Set(['TERMIN PŁATNOŚCI']);
const PRZODKOWO_CALENDAR = path.join(REPO, 'data', 'schedules', 'przodkowo',
  'przodkowo_2025_maslowo_plain.ics');

// Local day (YYYY-MM-DD in Europe/Warsaw) of an iCalendar DATE or UTC DATE-TIME value.
function warsawDay(value) {
  if (/^\d{8}$/.test(value)) {
    return `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}`;
  }
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  assert.ok(m, `unsupported DTSTART value ${value}`);
  const instant = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Warsaw' }).format(instant);
}

// Returns Map(day -> Set of fraction codes) of the bundled Przodkowo calendar.
function przodkowoPickups() {
  const text = fs.readFileSync(PRZODKOWO_CALENDAR, 'utf8').replace(/\r?\n[ \t]/g, '');
  const days = new Map();
  for (const block of text.split('BEGIN:VEVENT').slice(1)) {
    const summary = /^SUMMARY[^:]*:(.*)$/m.exec(block)[1].trim();
    const start = /^DTSTART[^:]*:(.*)$/m.exec(block)[1].trim();
    if (NOT_PICKUPS.has(summary)) continue;
    assert.ok(summary in FRACTIONS, `unexpected SUMMARY ${summary} in the calendar`);
    const day = warsawDay(start);
    if (!days.has(day)) days.set(day, new Set());
    days.get(day).add(FRACTIONS[summary]);
  }
  return days;
}

// Reads the day groups of the schedule page: [{iso, date, relative, codes}].
async function scheduleDays(page) {
  return page.$$eval('ol.days > li.day', (items) => items.map((li) => ({
    iso: li.querySelector('time').getAttribute('datetime'),
    date: li.querySelector('time').textContent.trim(),
    relative: li.querySelector('.relative').textContent.trim(),
    codes: [...li.querySelectorAll('li.fraction')].map((f) => [...f.classList]
      .find((c) => c.startsWith('fr-')).slice(3)).sort(),
  })));
}

// Checks that the page lists exactly the calendar's pickups from today to its last day.
function assertRealPickups(days) {
  assert.ok(days.length > 0, 'the schedule page lists no pickup');
  const last = days[days.length - 1].iso;
  const expected = [...przodkowoPickups().entries()]
    .filter(([day]) => day >= TODAY && day <= last)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, codes]) => ({ iso: day, codes: [...codes].sort() }));
  assert.deepEqual(days.map(({ iso, codes }) => ({ iso, codes })), expected);
  assert.equal(days[0].iso, '2025-01-21');
  assert.equal(days[0].date, 'wtorek, 21 stycznia');
  assert.equal(days[0].relative, 'jutro');
  assert.deepEqual(days[0].codes, ['papier']);
}

const profiles = [];

async function openContext(options) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'ratusz-chromium-'));
  profiles.push(profile);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.RATUSZ_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    locale: 'pl-PL',
    ...options,
  });
  await context.setExtraHTTPHeaders({ 'X-Ratusz-Now': NOW });
  return context;
}

// Moves the keyboard selection in the open suggestion list to the entry named text.
async function pickSuggestion(page, text) {
  const list = page.locator('#q-suggestions');
  const option = list.locator('li[role=option]', { hasText: text }).first();
  await option.waitFor({ state: 'visible' });
  assert.equal(await page.locator('#q').getAttribute('aria-expanded'), 'true');
  const labels = await list.locator('li[role=option] > a').evaluateAll(
    (links) => links.map((a) => a.firstChild.textContent.trim()));
  const index = labels.indexOf(text);
  assert.ok(index >= 0, `"${text}" is not among the suggestions ${labels.join(', ')}`);
  for (let i = 0; i <= index; i++) await page.keyboard.press('ArrowDown');
  const active = await page.locator('#q').getAttribute('aria-activedescendant');
  assert.equal(await page.locator(`#${active}`).getAttribute('aria-selected'), 'true');
  assert.equal(await page.locator(`#${active} > a`).evaluate(
    (a) => a.firstChild.textContent.trim()), text);
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
}

let scripted;
let plain;

before(async () => {
  scripted = await openContext({});
  plain = await openContext({ javaScriptEnabled: false });
});

after(async () => {
  await scripted?.close();
  await plain?.close();
  for (const profile of profiles) fs.rmSync(profile, { recursive: true, force: true });
});

test('suggestions lead to the Masłowo schedule by keyboard', async () => {
  const page = await scripted.newPage();
  await page.goto(`${BASE_URL}/`);

  await page.locator('#q').click();
  await page.keyboard.type('przod');
  await pickSuggestion(page, 'Przodkowo');
  assert.equal(new URL(page.url()).pathname, `/gmina/${PRZODKOWO}`);
  assert.equal(await page.locator('h1').textContent(), 'Gmina Przodkowo');

  await page.locator('#q').click();
  await page.keyboard.type('maslowo');
  await pickSuggestion(page, 'Masłowo');
  assert.match(new URL(page.url()).pathname, new RegExp(`^/gmina/${PRZODKOWO}/adres/[1-9][0-9]*$`));
  assert.equal(await page.locator('h1').textContent(), 'Masłowo');

  assertRealPickups(await scheduleDays(page));
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'address_search.png'), fullPage: true });
  await page.close();
});

test('Escape closes the suggestion list', async () => {
  const page = await scripted.newPage();
  await page.goto(`${BASE_URL}/`);
  await page.locator('#q').click();
  await page.keyboard.type('borne sul');
  await page.locator('#q-suggestions li', { hasText: 'Borne Sulinowo' }).waitFor();
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('#q-suggestions').isHidden(), true);
  assert.equal(await page.locator('#q').getAttribute('aria-expanded'), 'false');
  await page.close();
});

test('forms reach the schedule with JavaScript disabled', async () => {
  const page = await plain.newPage();
  await page.goto(`${BASE_URL}/`);

  await page.locator('#q').fill('przod');
  await Promise.all([page.waitForNavigation(), page.locator('#q').press('Enter')]);
  assert.equal(new URL(page.url()).searchParams.get('q'), 'przod');
  assert.equal(await page.locator('#q-suggestions').isHidden(), true);
  await Promise.all([page.waitForNavigation(),
    page.locator('ul.results a', { hasText: 'Przodkowo' }).first().click()]);
  assert.equal(new URL(page.url()).pathname, `/gmina/${PRZODKOWO}`);

  await page.locator('#q').fill('maslowo');
  await Promise.all([page.waitForNavigation(), page.locator('button[type=submit]').click()]);
  assert.equal(new URL(page.url()).searchParams.get('q'), 'maslowo');
  await Promise.all([page.waitForNavigation(),
    page.locator('ul.results a', { hasText: /^Masłowo$/ }).click()]);
  assert.equal(await page.locator('h1').textContent(), 'Masłowo');

  assertRealPickups(await scheduleDays(page));
  await page.close();
});
