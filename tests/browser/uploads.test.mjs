// uploads.test.mjs: Chromium's own multipart/form-data bodies pass the strict parser.
// The form posts to /test/upload, which the test stack serves (RATUSZ_TEST_HOOKS=1).
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

// Returns the bytes of a 320 x 240 image that the browser encodes itself.
async function canvasImage(page, type) {
  const dataUrl = await page.evaluate((mime) => {
    const canvas = document.createElement('canvas');
    canvas.width = 320;
    canvas.height = 240;
    const context = canvas.getContext('2d');
    context.fillStyle = '#c03030';
    context.fillRect(0, 0, 320, 240);
    return canvas.toDataURL(mime);
  }, type);
  return Buffer.from(dataUrl.split(',')[1], 'base64');
}

test('browser form with photos is accepted', async () => {
  const page = await browser.newPage();
  await page.goto(`${baseUrl}/health`);
  const jpeg = await canvasImage(page, 'image/jpeg');
  const png = await canvasImage(page, 'image/png');

  // A form like a report form: a text field, a file input with two photos and one left empty.
  await page.evaluate(() => {
    document.body.innerHTML = `
      <form method="post" action="/test/upload" enctype="multipart/form-data">
        <input name="title" value='Zażółć "gęślą"; jaźń'>
        <input type="file" name="photo" id="photos" multiple>
        <input type="file" name="photo" id="empty">
        <button type="submit">Wyślij</button>
      </form>`;
  });
  await page.setInputFiles('#photos', [
    { name: 'zdjęcie "1".jpg', mimeType: 'image/jpeg', buffer: jpeg },
    { name: 'b.png', mimeType: 'image/png', buffer: png },
  ]);
  const [response] = await Promise.all([
    page.waitForNavigation(),
    page.click('button[type=submit]'),
  ]);

  assert.equal(response.status(), 200);
  const result = JSON.parse(await response.text());
  assert.equal(result.title, 'Zażółć "gęślą"; jaźń');
  assert.equal(result.photos.length, 2);
  // Chromium percent-encodes a quote in a file name (HTML's form submission rules).
  assert.equal(result.photos[0].filename, 'zdjęcie %221%22.jpg');
  assert.equal(result.photos[1].filename, 'b.png');
  assert.match(result.photos[0].token ?? '', /^[A-Za-z0-9_-]{22}$/);
  assert.match(result.photos[1].token ?? '', /^[A-Za-z0-9_-]{22}$/);
  assert.equal(result.photos[0].width, 320);
  assert.equal(result.photos[1].height, 240);
  assert.equal(result.upload_problem, undefined);
  await page.close();
});
