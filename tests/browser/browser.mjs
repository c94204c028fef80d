// browser.mjs: starts Debian's Chromium through playwright-core for the browser tests,
// against the stack named by RATUSZ_URL (set by tools/dev test).
import { chromium } from 'playwright-core';

export const baseUrl = process.env.RATUSZ_URL ?? 'http://127.0.0.1:8181';

// Chromium's sandbox does not start as root or where user namespaces are missing, so
// the tests run it without one. They load only pages of the local test stack.
export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.RATUSZ_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox'],
  });
}
