// report_form.test.mjs: a resident reports a problem in Chromium, once with the Leaflet map
// (tiles answered by the test itself, the pin lists an open report nearby, "Ja też"
// follows it) and once with JavaScript disabled (coordinate fields and plain submits).
// Test data is written with the mariadb client into the stack's database.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BASE_URL = (process.env.RATUSZ_URL ?? 'http://127.0.0.1:8181').replace(/\/$/, '');
const CONFIG = process.env.RATUSZ_CONFIG ?? path.join(REPO, 'var', 'test', 'ratusz.conf');
const SOCKET = process.env.RATUSZ_DB_SOCKET ?? path.join(REPO, 'var', 'test', 'run', 'mysqld.sock');
const SCREENSHOT_DIR = process.env.RATUSZ_VAR ?? path.join(REPO, 'var', 'test');
const PRZODKOWO = '2205032';
// An open public report sits at REPORTED; the pin goes about 55 m away, at PIN.
const REPORTED = [54.3811, 18.2905];
const PIN = [54.3815, 18.2910];
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
// A 1x1 grey PNG, served for every tile request.
const TILE = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==',
  'base64');

function config() {
  const values = {};
  for (const line of fs.readFileSync(CONFIG, 'utf8').split('\n')) {
    const m = /^\s*([a-z_]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (m) values[m[1]] = m[2];
  }
  return values;
}

function sql(query) {
  const conf = config();
  return execFileSync('mariadb', ['--no-defaults', '--default-character-set=utf8mb4', '-S', SOCKET,
    '-u', conf.db_user ?? 'ratusz', '-N', '-B', '-e', query, conf.db_name ?? 'ratusz'],
  { env: { ...process.env, MYSQL_PWD: conf.db_password ?? '' }, encoding: 'utf8' }).trim();
}

const tag = crypto.randomBytes(3).toString('hex');
let tenant;
let category;
let number;
const profiles = [];
let scripted;
let plain;

async function openContext(options) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'ratusz-chromium-'));
  profiles.push(profile);
  return chromium.launchPersistentContext(profile, {
    executablePath: process.env.RATUSZ_CHROMIUM ?? '/usr/bin/chromium',
    headless: true, args: CHROMIUM_ARGS, locale: 'pl-PL', ...options,
  });
}

before(async () => {
  tenant = sql(`SELECT id FROM tenant WHERE terc = '${PRZODKOWO}'`);
  sql(`INSERT INTO unit (tenant_id, name) VALUES (${tenant}, 'Zieleń ${tag}')`);
  const unit = sql(`SELECT id FROM unit WHERE tenant_id = ${tenant} AND name = 'Zieleń ${tag}'`);
  sql(`INSERT INTO report_category (tenant_id, code, name_pl, name_en, help_pl, default_unit_id)
       VALUES (${tenant}, 'tree_${tag}', 'Złamane drzewo ${tag}', 'Broken tree', 'Opisz, co blokuje drzewo.', ${unit})`);
  category = sql(`SELECT id FROM report_category WHERE tenant_id = ${tenant} AND code = 'tree_${tag}'`);
  number = `2026-9${crypto.randomInt(10000, 99999)}`;
  sql(`INSERT INTO report (tenant_id, public_number, category_id, status, unit_id, author_email,
       description, lat, lon, email_confirmed_at, confirmed_at, created_at, updated_at)
       VALUES (${tenant}, '${number}', ${category}, 'verified', ${unit}, 'autor-${tag}@example.pl',
       'Drzewo leży na chodniku <i>od rana</i>', ${REPORTED[0]}, ${REPORTED[1]},
       UTC_TIMESTAMP(), UTC_TIMESTAMP(), UTC_TIMESTAMP(), UTC_TIMESTAMP())`);
  scripted = await openContext({});
  plain = await openContext({ javaScriptEnabled: false });
});

after(async () => {
  await scripted?.close();
  await plain?.close();
  for (const profile of profiles) fs.rmSync(profile, { recursive: true, force: true });
});

test('map pin fills the place and lists the report nearby', async () => {
  const page = await scripted.newPage();
  const tiles = [];
  await page.route('**/kafelki-testowe/**', (route) => {
    tiles.push(route.request().url());
    return route.fulfill({ status: 200, contentType: 'image/png', body: TILE });
  });
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });

  await page.goto(`${BASE_URL}/gmina/${PRZODKOWO}/zgloszenia/nowe?kategoria=${category}`);
  await page.locator('#report-map.leaflet-container').waitFor();
  await page.locator('.leaflet-tile-loaded').first().waitFor();
  assert.ok(tiles.length > 0, 'no tile was requested');
  assert.ok(tiles.every((url) => url.startsWith(`${BASE_URL}/kafelki-testowe/`)), tiles[0]);
  // The configured credit is text: its markup is shown, not applied.
  const credit = await page.locator('.leaflet-control-attribution').textContent();
  assert.ok(credit.includes('Kafelki testowe <b>©</b>'), credit);
  assert.equal(await page.locator('.leaflet-control-attribution b').count(), 0);

  await page.fill('#lat', String(PIN[0]));
  await page.fill('#lon', String(PIN[1]));
  await page.locator('#lon').dispatchEvent('change');
  const item = page.locator('#nearby-live li', { hasText: number });
  await item.waitFor();
  assert.ok((await item.textContent()).includes('Drzewo leży na chodniku <i>od rana</i>'));
  assert.equal(await page.locator('#nearby-live i').count(), 0, 'markup shown as text');
  assert.equal(await item.locator('button').textContent(), 'Ja też');

  // A click on the map moves the pin and writes six decimals into the fields.
  const box = await page.locator('#report-map').boundingBox();
  const reloaded = page.waitForResponse((response) => response.url().includes('/w-poblizu?'));
  await page.mouse.click(box.x + box.width / 2 + 40, box.y + box.height / 2);
  await reloaded;
  await page.waitForFunction((old) => document.querySelector('#lon').value !== old, String(PIN[1]));
  const lat = await page.inputValue('#lat');
  const lon = await page.inputValue('#lon');
  assert.match(lat, /^54\.\d{6}$/);
  assert.match(lon, /^18\.\d{6}$/);
  assert.ok(Number(lon) > PIN[1], `a click east of the pin gives a larger longitude: ${lon}`);
  assert.equal(await page.locator('.leaflet-marker-icon').count(), 1);

  await page.fill('#description', 'Zażółć 🚧');
  assert.equal(await page.locator('#description-length').textContent(), '8');
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'report-form-map.png'), fullPage: true });

  // "Ja też" posts the form's e-mail address to follow the existing report.
  await page.fill('#email', `obserwator-${tag}@example.pl`);
  await page.locator('#nearby-live li', { hasText: number }).locator('button').click();
  await page.waitForURL(`${BASE_URL}/gmina/${PRZODKOWO}/zgloszenia/${number}/ja-tez`);
  assert.ok((await page.locator('main').textContent()).includes('Sprawdź swoją skrzynkę'));
  const pending = sql(`SELECT COUNT(*) FROM report_follower f JOIN report r ON r.id = f.report_id
    WHERE r.public_number = '${number}' AND f.email_key = 'obserwator-${tag}@example.pl'
    AND f.confirmed_at IS NULL`);
  assert.equal(pending, '1');
  assert.deepEqual(errors, []);
});

test('form works without JavaScript', async () => {
  const page = await plain.newPage();
  let tileRequests = 0;
  await page.route('**/kafelki-testowe/**', (route) => { tileRequests += 1; return route.abort(); });
  await page.goto(`${BASE_URL}/gmina/${PRZODKOWO}/zgloszenia/nowe`);
  await Promise.all([page.waitForNavigation(),
    page.click(`a[href$="kategoria=${category}"]`)]);
  assert.ok((await page.locator('.category-help').textContent()).includes('Opisz, co blokuje drzewo.'));

  const description = 'Gałąź na jezdni 🌳\nobok przystanku';
  await page.fill('#lat', String(PIN[0]).replace('.', ','));
  await page.fill('#lon', String(PIN[1]).replace('.', ','));
  await page.fill('#email', `bez-js-${tag}@example.pl`);
  await Promise.all([page.waitForNavigation(), page.click('p > button[value=send]')]);
  // Without a description the page comes back with the error beside the field.
  assert.ok((await page.locator('#description-error').textContent()).includes('Opisz problem'));
  assert.equal(await page.inputValue('#lat'), String(PIN[0]).replace('.', ','));
  assert.equal(await page.inputValue('#email'), `bez-js-${tag}@example.pl`);

  await page.fill('#description', description);
  await Promise.all([page.waitForNavigation(), page.click('p > button[value=send]')]);
  // The open report nearby is shown before sending.
  assert.ok((await page.locator('section.nearby').textContent()).includes(number));
  assert.equal(await page.inputValue('#description'), description);
  await Promise.all([page.waitForNavigation(), page.click('p > button[value=send]')]);
  assert.ok((await page.locator('main').textContent()).includes('Sprawdź swoją skrzynkę'));
  const created = await page.locator('.report-number').textContent();
  const stored = sql(`SELECT HEX(description) FROM report WHERE tenant_id = ${tenant}
    AND public_number = '${created}'`);
  assert.equal(Buffer.from(stored, 'hex').toString('utf8'), description);
  assert.equal(tileRequests, 0);
  assert.equal(await page.locator('.leaflet-container').count(), 0);
});

test('address suggestions choose a point', async () => {
  const page = await scripted.newPage();
  await page.route('**/kafelki-testowe/**', (route) => route.fulfill({
    status: 200, contentType: 'image/png', body: TILE }));
  await page.goto(`${BASE_URL}/gmina/${PRZODKOWO}/zgloszenia/nowe?kategoria=${category}`);
  await page.fill('#address_q', 'Masłowo');
  const first = page.locator('#address-suggestions li button').first();
  await first.waitFor();
  const label = (await first.textContent()).trim();
  await first.click();
  const expected = sql(`SELECT id FROM address_point WHERE tenant_id = ${tenant}
    AND label = '${label.replace(/'/g, "''")}' LIMIT 1`);
  assert.equal(await page.inputValue('input[type=hidden][name=point]'), expected);
  assert.equal(await page.locator('#address-js-chosen').textContent(), `Wybrany adres: ${label}`);
  assert.ok(await page.locator('#address-suggestions').isHidden());

  // Enter in a field sends the form itself, not the address search.
  await page.fill('#description', 'Dziura pod adresem 🏠');
  await page.fill('#email', `adres-${tag}@example.pl`);
  await Promise.all([page.waitForNavigation(), page.press('#email', 'Enter')]);
  assert.ok((await page.locator('main').textContent()).includes('Sprawdź swoją skrzynkę'));
  const created = await page.locator('.report-number').textContent();
  assert.equal(sql(`SELECT point_id FROM report WHERE tenant_id = ${tenant}
    AND public_number = '${created}'`), expected);
});
