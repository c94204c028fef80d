// security_headers.test.mjs: the browser enforces the Content-Security-Policy that
// nginx adds to every response.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { baseUrl, launchBrowser } from './browser.mjs';

let browser;

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

test('health page carries the security headers', async () => {
  const page = await browser.newPage();
  const response = await page.goto(`${baseUrl}/health`);
  const headers = response.headers();

  assert.equal(response.status(), 200);
  assert.match(headers['content-security-policy'] ?? '', /default-src 'self'/);
  assert.match(headers['content-security-policy'] ?? '', /frame-ancestors 'none'/);
  assert.equal(headers['x-content-type-options'], 'nosniff');
  await page.close();
});

test('inline script is blocked by the policy', async () => {
  const page = await browser.newPage();
  const violations = [];
  page.on('console', (message) => violations.push(message.text()));
  await page.goto(`${baseUrl}/health`);

  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.inlineScriptRan = true;';
    document.documentElement.appendChild(script);
  });

  assert.equal(await page.evaluate(() => window.inlineScriptRan === true), false);
  assert.ok(violations.some((text) => text.includes('Content Security Policy')),
    `expected a CSP violation in the console, got: ${violations.join(' | ')}`);
  await page.close();
});

test('page cannot be framed by another origin', async () => {
  const page = await browser.newPage();
  const response = await page.goto(`${baseUrl}/health`);

  assert.equal(response.headers()['x-frame-options'], 'DENY');
  await page.close();
});
