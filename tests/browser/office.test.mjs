// office.test.mjs: a coordinator works through a new report in the back office:
// work list, report page, confirmation, internal note, public answer from a template,
// status move and the filtered list. Test data is written into the test stack's
// database (RATUSZ_CONFIG, RATUSZ_DB_SOCKET); the session cookie is stored the way
// app/web/session.c stores sessions.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { baseUrl, launchBrowser } from './browser.mjs';

const TERC = '9908041';
const DOMAIN = '@office-browser.test.example';
let browser;
let sid;
let number;

function config() {
  const values = {};
  for (const line of readFileSync(process.env.RATUSZ_CONFIG, 'utf8').split('\n')) {
    const match = line.match(/^\s*([a-z_]+)\s*=\s*(.*?)\s*$/);
    if (match) values[match[1]] = match[2];
  }
  return values;
}

function sql(text) {
  const c = config();
  return execFileSync('mariadb', ['--no-defaults', '--default-character-set=utf8mb4',
    '-S', process.env.RATUSZ_DB_SOCKET, '-u', c.db_user, '-N', '-B', '-e', text, c.db_name],
  { env: { ...process.env, MYSQL_PWD: c.db_password }, encoding: 'utf8' }).trim();
}

function cleanUp() {
  const tenant = sql(`SELECT id FROM tenant WHERE terc = '${TERC}'`);
  if (tenant) {
    for (const table of ['outbox', 'report_event', 'report_follower', 'report',
      'response_template', 'account_role', 'report_category', 'unit']) {
      sql(`DELETE FROM ${table} WHERE tenant_id = ${tenant}`);
    }
    sql(`DELETE FROM tenant WHERE id = ${tenant}`);
  }
  sql(`DELETE FROM account WHERE email_key LIKE '%${DOMAIN}'`);
}

function account(name, displayName) {
  const email = `${name}${DOMAIN}`;
  sql(`INSERT INTO account (email, email_key, password_hash, display_name, confirmed_at,
    created_at) VALUES ('${email}', '${email}', 'not-a-hash', '${displayName}',
    UTC_TIMESTAMP(), UTC_TIMESTAMP())`);
  return sql(`SELECT id FROM account WHERE email_key = '${email}'`);
}

before(async () => {
  cleanUp();
  sql(`INSERT INTO tenant (terc, name, name_folded, kind, kind_name)
    VALUES ('${TERC}', 'Przeglądarkowo', '${TERC}', 1, 'gmina miejska')`);
  const tenant = sql(`SELECT id FROM tenant WHERE terc = '${TERC}'`);
  sql(`INSERT INTO unit (tenant_id, name) VALUES (${tenant}, 'Wydział Dróg')`);
  const unit = sql(`SELECT id FROM unit WHERE tenant_id = ${tenant}`);
  sql(`INSERT INTO report_category (tenant_id, code, name_pl, name_en, default_unit_id,
    deadline_days) VALUES (${tenant}, 'dziury', 'Dziura w jezdni', 'Pothole', ${unit}, 7)`);
  const category = sql(`SELECT id FROM report_category WHERE tenant_id = ${tenant}`);
  sql(`INSERT INTO response_template (tenant_id, unit_id, title, body) VALUES
    (${tenant}, ${unit}, 'Zaplanowano naprawę', 'Naprawę zaplanowaliśmy na')`);
  const coordinator = account('koordynator', 'Kasia Koordynatorka');
  const author = account('autor', 'Anna Autorka');
  sql(`INSERT INTO account_role (account_id, role, tenant_id, created_at)
    VALUES (${coordinator}, 'coordinator', ${tenant}, UTC_TIMESTAMP())`);
  number = '2026-000777';
  sql(`INSERT INTO report (tenant_id, public_number, category_id, status, unit_id,
    author_id, description, address_text, email_confirmed_at, created_at, updated_at)
    VALUES (${tenant}, '${number}', ${category}, 'new', ${unit}, ${author},
    'Dziura na ul. Kartuskiej, głęboka na 10 cm', 'ul. Kartuska 5',
    UTC_TIMESTAMP(), UTC_TIMESTAMP(), UTC_TIMESTAMP())`);
  const report = sql(`SELECT id FROM report WHERE public_number = '${number}'
    AND tenant_id = ${tenant}`);
  sql(`INSERT INTO report_event (tenant_id, report_id, created_at, actor_id, actor_kind,
    kind, to_status, is_public, body) VALUES (${tenant}, ${report}, UTC_TIMESTAMP(),
    ${author}, 'resident', 'created', 'new', 1, '')`);
  sid = randomBytes(16).toString('base64url').slice(0, 22);
  const seed = randomBytes(16).toString('base64url').slice(0, 22);
  const hash = createHash('sha256').update(sid).digest('hex');
  sql(`INSERT INTO session (token_hash, account_id, csrf_seed, created_at, last_seen_at,
    expires_at) VALUES ('${hash}', ${coordinator}, '${seed}', UTC_TIMESTAMP(),
    UTC_TIMESTAMP(), UTC_TIMESTAMP() + INTERVAL 1 DAY)`);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  cleanUp();
});

test('coordinator confirms, notes, answers and moves a report', async () => {
  const context = await browser.newContext({ locale: 'pl-PL' });
  const url = new URL(baseUrl);
  await context.addCookies([{ name: 'sid', value: sid, domain: url.hostname, path: '/' }]);
  const page = await context.newPage();
  const problems = [];
  // Every failed request and script error; the browser's own favicon request is not ours.
  page.on('response', (response) => {
    if (response.status() >= 400 && !response.url().endsWith('/favicon.ico')) {
      problems.push(`${response.status()} ${response.url()}`);
    }
  });
  page.on('pageerror', (error) => problems.push(error.message));

  await page.goto(`${baseUrl}/urzad/${TERC}/zgloszenia`);
  assert.equal(await page.locator('.count').textContent(), '1 zgłoszenie');
  await page.getByRole('link', { name: number }).click();
  await page.waitForURL(`**/zgloszenia/${number}`);
  assert.equal(await page.locator('.report-state .status').textContent(), 'Nowe');

  await page.getByRole('button', { name: 'Potwierdź i opublikuj' }).click();
  await page.waitForURL(/done=confirmed/);
  assert.equal(await page.getByRole('status').textContent(),
    'Zgłoszenie potwierdzone i opublikowane.');
  assert.equal(await page.locator('.report-state .status').textContent(), 'Zweryfikowane');

  await page.getByLabel('Notatka wewnętrzna').fill('Sprawdzić z wykonawcą 🚧');
  await page.getByRole('button', { name: 'Dodaj notatkę' }).click();
  await page.waitForURL(/done=noted/);
  const note = page.locator('.history .event-note');
  assert.equal(await note.locator('.body').textContent(), 'Sprawdzić z wykonawcą 🚧');
  assert.equal(await note.locator('.badge.internal').count(), 1);

  await page.getByLabel('Gotowa odpowiedź').selectOption({ label: 'Zaplanowano naprawę' });
  await page.getByRole('button', { name: 'Wstaw do odpowiedzi' }).click();
  const answer = page.getByLabel('Odpowiedź publiczna');
  assert.equal(await answer.inputValue(), 'Naprawę zaplanowaliśmy na');
  await answer.fill(`${await answer.inputValue()} czwartek.`);
  await page.getByRole('button', { name: 'Opublikuj odpowiedź' }).click();
  await page.waitForURL(/done=updated/);
  assert.equal(await page.locator('.history .event-update .body').textContent(),
    'Naprawę zaplanowaliśmy na czwartek.');

  await page.getByLabel('Zmień status na').selectOption({ label: 'W realizacji' });
  await page.getByRole('button', { name: 'Zmień status' }).click();
  await page.waitForURL(/done=moved/);
  assert.equal(await page.locator('.report-state .status').textContent(), 'W realizacji');

  await page.getByRole('link', { name: 'Zgłoszenia do obsługi' }).click();
  await page.getByLabel('Status').selectOption({ label: 'W realizacji' });
  await page.getByRole('button', { name: 'Pokaż' }).click();
  await page.waitForURL(/status=in_progress/);
  assert.deepEqual(await page.locator('tr.report').evaluateAll(
    (rows) => rows.map((row) => row.dataset.number)), [number]);
  assert.deepEqual(problems, []);
  await context.close();
});
