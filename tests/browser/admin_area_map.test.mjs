// admin_area_map.test.mjs: a gmina administrator draws a routing area on the Leaflet map
// of the area form in Chromium (the test itself serves the tiles), and the form still
// takes a pasted shape with JavaScript disabled. The account is made with ratuszctl.
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
const BIN = process.env.RATUSZ_BIN ?? path.join(REPO, 'build');
const SCREENSHOT_DIR = process.env.RATUSZ_VAR ?? path.join(REPO, 'var', 'test');
const GMINA = '2205052';   // Somonino: no other test uses it
const PASSWORD = 'hasło do mapy obszarów';
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

function ctl(...args) {
  return execFileSync(path.join(BIN, 'ratuszctl'), args, {
    env: { ...process.env, RATUSZ_CONFIG: CONFIG }, encoding: 'utf8', input: `${PASSWORD}\n`,
  });
}

const tag = crypto.randomBytes(3).toString('hex');
const admin = `mapa-${tag}@example.pl`;
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

async function signIn(context) {
  const page = await context.newPage();
  await page.goto(`${BASE_URL}/konto/logowanie`);
  await page.fill('#email', admin);
  await page.fill('#password', PASSWORD);
  await Promise.all([page.waitForNavigation(), page.click('form button[type=submit]')]);
  return page;
}

before(async () => {
  ctl('create-admin', '--email', admin);
  ctl('revoke', '--email', admin, '--role', 'platform_admin');
  ctl('grant', '--email', admin, '--role', 'gmina_admin', '--gmina', GMINA);
  scripted = await openContext({});
  plain = await openContext({ javaScriptEnabled: false });
});

after(async () => {
  await scripted?.close();
  await plain?.close();
  for (const profile of profiles) fs.rmSync(profile, { recursive: true, force: true });
});

test('clicks on the map draw the area', async () => {
  const page = await signIn(scripted);
  await page.route('**/kafelki-testowe/**', (route) => route.fulfill({
    status: 200, contentType: 'image/png', body: TILE }));
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(`${BASE_URL}/urzad/${GMINA}/admin/obszary`);
  await page.locator('#area-map.leaflet-container').waitFor();
  await page.locator('.leaflet-tile-loaded').first().waitFor();
  const credit = await page.locator('.leaflet-control-attribution').textContent();
  assert.ok(credit.includes('Kafelki testowe <b>©</b>'), credit);

  // The form is below the list of areas: bring the map into the viewport before clicking.
  await page.locator('#area-map').scrollIntoViewIfNeeded();
  const box = await page.locator('#area-map').boundingBox();
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.mouse.click(cx - 60, cy - 40);
  await page.mouse.click(cx + 60, cy - 40);
  assert.equal(await page.inputValue('#shape'), '', 'two points make no polygon yet');
  await page.mouse.click(cx, cy + 50);
  const shape = JSON.parse(await page.inputValue('#shape'));
  assert.equal(shape.type, 'Polygon');
  assert.equal(shape.coordinates[0].length, 4);
  assert.deepEqual(shape.coordinates[0][0], shape.coordinates[0][3]);
  const [lon0, lat0] = shape.coordinates[0][0];
  const [lon1] = shape.coordinates[0][1];
  assert.ok(lon1 > lon0, 'the second click is east of the first');
  // Without a boundary the map is centred on Poland (52.1 N, 19.4 E).
  assert.ok(lat0 > 51, `latitude ${lat0}`);
  assert.ok(lat0 < 53, `latitude ${lat0}`);

  await page.fill('#name', `Narysowany 🗺️ ${tag}`);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'admin-area-map.png'), fullPage: true });
  await Promise.all([page.waitForNavigation(), page.click('form.admin-form button[type=submit]')]);
  assert.equal(new URL(page.url()).pathname, `/urzad/${GMINA}/admin/obszary`);
  const stored = sql(`SELECT ST_NumPoints(ST_ExteriorRing(a.shape)) FROM routing_area a
    JOIN tenant t ON t.id = a.tenant_id WHERE t.terc = '${GMINA}' AND a.name = 'Narysowany 🗺️ ${tag}'`);
  assert.equal(stored, '4');
  assert.deepEqual(errors, []);
});

test('pasted shape works without JavaScript', async () => {
  const page = await signIn(plain);
  let tileRequests = 0;
  await page.route('**/kafelki-testowe/**', (route) => { tileRequests += 1; return route.abort(); });
  await page.goto(`${BASE_URL}/urzad/${GMINA}/admin/obszary`);
  assert.ok(await page.locator('.area-map-wrap').isHidden());
  await page.fill('#name', `Wklejony ${tag}`);
  await page.fill('#shape', JSON.stringify({ type: 'Polygon', coordinates: [[
    [18.40, 54.20], [18.41, 54.20], [18.41, 54.21], [18.40, 54.21], [18.40, 54.20]]] }));
  await Promise.all([page.waitForNavigation(), page.click('form.admin-form button[type=submit]')]);
  const count = sql(`SELECT COUNT(*) FROM routing_area a JOIN tenant t ON t.id = a.tenant_id
    WHERE t.terc = '${GMINA}' AND a.name = 'Wklejony ${tag}'`);
  assert.equal(count, '1');
  assert.equal(tileRequests, 0);
});
