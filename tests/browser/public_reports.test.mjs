// public_reports.test.mjs: the public map of reports draws its points from the GeoJSON
// endpoint with Debian's Leaflet, under the portal's Content-Security-Policy, and the
// list's filter form works without JavaScript.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { baseUrl, launchBrowser } from './browser.mjs';

const TERC = '0810043'; // Iłowa: no other test uses it
const BASE = `${baseUrl}/gmina/${TERC}/zgloszenia`;
const MARKUP = '<img src=x onerror="window.injected=1">';

function config() {
  const values = {};
  for (const line of readFileSync(process.env.RATUSZ_CONFIG, 'utf8').split('\n')) {
    const at = line.indexOf('=');
    if (at > 0 && !line.trim().startsWith('#')) values[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return values;
}

function sql(text) {
  const c = config();
  return execFileSync('mariadb', ['--no-defaults', '--default-character-set=utf8mb4',
    '-S', process.env.RATUSZ_DB_SOCKET, '-u', c.db_user ?? 'ratusz', '-N', '-B', '-e', text,
    c.db_name ?? 'ratusz'], { env: { ...process.env, MYSQL_PWD: c.db_password ?? '' } }).toString();
}

// INSERT IGNORE: a second run against the same stack finds the rows in place.
let browser;

before(async () => {
  const t = `(SELECT id FROM tenant WHERE terc = '${TERC}')`;
  sql(`INSERT IGNORE INTO unit (tenant_id, name) VALUES (${t}, 'Wydział map');
    INSERT IGNORE INTO report_category (tenant_id, code, name_pl, name_en)
      VALUES (${t}, 'map-test', 'Dziury ${MARKUP}', 'Potholes');
    SET @t = ${t};
    SET @c = (SELECT id FROM report_category WHERE tenant_id = @t AND code = 'map-test');
    SET @u = (SELECT id FROM unit WHERE tenant_id = @t AND name = 'Wydział map');
    INSERT IGNORE INTO report (tenant_id, public_number, category_id, status, unit_id, description,
      lat, lon, confirmed_at, created_at, updated_at) VALUES
      (@t, '2026-000001', @c, 'verified', @u, 'Pierwsza', 51.491000, 15.198000, '2026-05-01 10:00:00', NOW(), NOW()),
      (@t, '2026-000002', @c, 'done', @u, 'Druga', 51.493000, 15.201000, '2026-05-02 10:00:00', NOW(), NOW()),
      (@t, '2026-000003', @c, 'in_progress', @u, 'Trzecia ${MARKUP}', 51.495000, 15.204000, '2026-05-03 10:00:00', NOW(), NOW()),
      (@t, '2026-000004', @c, 'new', @u, 'Niepubliczna', 51.496000, 15.205000, NULL, NOW(), NOW());
    UPDATE tenant SET report_version = report_version + 1 WHERE id = @t;`);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

async function openPage(options = {}) {
  const context = await browser.newContext({ locale: 'pl-PL', ...options });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  // Failed loads are reported by URL below; the browser's own favicon request is no part of the page.
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      problems.push(message.text());
    }
  });
  // The test stack's tile_url names tiles that do not exist, so tiles may fail to load.
  page.on('response', (response) => {
    const tile = response.request().resourceType() === 'image' && response.url().endsWith('.png');
    if (!tile && response.status() >= 400 && !response.url().endsWith('/favicon.ico')) {
      problems.push(`${response.status()} ${response.url()}`);
    }
  });
  return { context, page, problems };
}

test('the map draws every public report as a point', async () => {
  const { context, page, problems } = await openPage();
  // The base map asks the tile server of the stack's tile_url for its tiles.
  const tileRequest = page.waitForRequest((r) => r.resourceType() === 'image' && r.url().endsWith('.png'));
  await page.goto(`${BASE}/mapa`);
  await page.waitForSelector('#public-map[data-features]');
  assert.equal(await page.getAttribute('#public-map', 'data-features'), '3');
  assert.equal(await page.getAttribute('#public-map', 'data-clustered'), '0');
  assert.equal(await page.locator('path.report-point').count(), 3);
  await tileRequest;
  assert.deepEqual(problems, []);
  await context.close();
});

test('a point opens a popup whose names are text', async () => {
  const { context, page, problems } = await openPage();
  await page.goto(`${BASE}/mapa?status=in_progress`);
  await page.waitForSelector('#public-map[data-features="1"]');
  await page.locator('path.report-point').first().click({ force: true });
  const link = page.locator('.leaflet-popup-content a');
  await link.waitFor();
  assert.equal(await link.textContent(), `Dziury ${MARKUP} (2026-000003)`);
  assert.equal(await link.getAttribute('href'), `/gmina/${TERC}/zgloszenia/2026-000003`);
  assert.equal(await page.evaluate(() => window.injected), undefined);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the filter form of the list works without JavaScript', async () => {
  const { context, page } = await openPage({ javaScriptEnabled: false });
  await page.goto(BASE);
  assert.match(await page.textContent('.report-count'), /3 zgłoszenia/);
  await page.selectOption('#f-status', 'done');
  await Promise.all([page.waitForURL(/status=done/), page.click('.report-filter button')]);
  assert.match(await page.textContent('.report-count'), /1 zgłoszenie/);
  const rows = await page.locator('.report-row a').allTextContents();
  assert.deepEqual(rows, [`Dziury ${MARKUP}`]);
  await page.click('.report-row a');
  assert.match(page.url(), /\/zgloszenia\/2026-000002$/);
  await context.close();
});

test('the report page shows its place on a small map', async () => {
  const { context, page, problems } = await openPage();
  await page.goto(`${BASE}/2026-000003`);
  await page.waitForSelector('#public-map.public-map-live path.report-point');
  assert.equal(await page.textContent('#report-description'), `Trzecia ${MARKUP}`);
  assert.equal(await page.evaluate(() => window.injected), undefined);
  assert.deepEqual(problems, []);
  await context.close();
});
