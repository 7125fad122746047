// inkstone serve in a real browser (issue 18): Debian's chromium, headless, driven by
// puppeteer-core (nothing is downloaded at test time). Run by tests/web.sh:
//   node tests/web/serve.test.mjs INKSTONE WORKDIR [SCREENSHOT_DIR]
// 1. The import screen: a saved web page chosen with the file input; the fields and the blocks
//    (removed ones struck out with their reason) appear, and the preview's pages.
// 2. The title changed in the form: the preview changes (the time from the last keystroke to the
//    new first page shown is printed), a removed block restored, the PDF downloaded with the new
//    title in it, the article saved under the root.
// 3. Refusals: a page opened without the token (403), a path outside the root (403), an upload
//    past --max-upload (413, its message shown).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import puppeteer from 'puppeteer-core';

const [bin, work, shots] = process.argv.slice(2);
let passed = 0, failed = 0;
const check = (what, ok, detail = '') => {
  if (ok) { passed++; console.log(`ok   ${what}`); } else { failed++; console.log(`FAIL ${what}${detail ? '\n       ' + detail : ''}`); }
};
const sleep = ms => new Promise(r => setTimeout(r, ms));

async function startServer(args) {
  const child = spawn(bin, ['serve', '--root', work, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise((resolve, reject) => {
    readline.createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', code => reject(new Error(`serve exited with ${code}`)));
  });
  return { child, url: line.trim() };
}

const root = work;
fs.copyFileSync(path.join(path.dirname(new URL(import.meta.url).pathname), '../../samples/web/think-tank.html'), path.join(root, 'think-tank.html'));
const downloads = path.join(root, '..', 'downloads');
fs.mkdirSync(downloads, { recursive: true });
const big = path.join(root, '..', 'big.html');
fs.writeFileSync(big, '<p>' + 'x'.repeat(1_300_000) + '</p>');

const { child, url } = await startServer(['--max-upload', '1']);
check('the first line of standard output is the address with its token', /^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{64}$/.test(url), url);
const base = url.replace(/\/\?token=.*/, '');

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: 'new',
  args: ['--no-sandbox', '--disable-gpu', '--window-size=1400,1000'],
});
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1400, height: 1000 });
  const cdp = await page.target().createCDPSession();
  await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
  await page.goto(url);
  await page.waitForSelector('body[data-ready="1"]');
  check('the application loads with the token (a cookie keeps it)', (await page.cookies()).some(c => c.name === 'inkstone_token' && c.httpOnly));

  // 1. Import a saved page.
  const input = await page.$('#file');
  await input.uploadFile(path.join(root, 'think-tank.html'));
  await page.waitForSelector('#fields:not([hidden])');
  await page.waitForFunction(() => Number(document.body.dataset.previewed || 0) >= 1 && document.querySelector('#pages img')?.complete, { timeout: 20000 });
  const title0 = await page.$eval('#f-title', e => e.value);
  check(`the importer's title is in the form ("${title0}")`, title0.length > 5);
  const removed = await page.$$eval('#blocks li.removed', els => els.map(e => [e.querySelector('.text').textContent, e.querySelector('.reason')?.textContent || '']));
  check(`removed blocks are shown struck out with their reason (${removed.length}; e.g. "${(removed[0] || []).join(' / ')}")`,
        removed.length > 0 && removed.every(([, why]) => why.length > 0));
  const struck = await page.$eval('#blocks li.removed .text', e => getComputedStyle(e).textDecorationLine);
  check('... drawn with a line through', struck.includes('line-through'));
  const pages0 = await page.$$eval('#pages img', els => els.map(e => e.getAttribute('src')));
  check(`the preview shows the pages (${pages0.length})`, pages0.length >= 1);
  if (shots) await page.screenshot({ path: path.join(shots, 'import.png'), fullPage: true });

  // 2. Change the title; the preview follows.
  const before = Number(await page.evaluate(() => document.body.dataset.previewed));
  await page.click('#f-title', { clickCount: 3 });
  await page.keyboard.type('A Title Changed In The Browser');
  const typed = Date.now();
  await page.waitForFunction(first => {
    const img = document.querySelector('#pages img');
    return img && img.getAttribute('src') !== first && img.complete && img.naturalWidth > 0;
  }, { timeout: 10000 }, pages0[0]);
  const latency = Date.now() - typed;
  check(`the preview's first page changes ${latency} ms after the last keystroke (under a second)`, latency < 1000);
  const pages1 = await page.$$eval('#pages img', els => els.map(e => e.getAttribute('src')));
  let after = Number(await page.evaluate(() => document.body.dataset.previewed));
  check(`the title's 30 keystrokes made few renders (${after - before})`, after - before >= 1 && after - before <= 10);

  // An edit that changes no page (a letter typed and taken back): rendered again, no image fetched.
  let fetched = 0;
  const count = r => { if (r.url().includes('/api/page/')) fetched++; };
  page.on('request', count);
  await page.click('#f-subtitle');
  await page.keyboard.type('x');
  await page.keyboard.press('Backspace');
  await page.waitForFunction(b => Number(document.body.dataset.previewed) > b && !document.querySelector('#preview-status').textContent.includes('…'), {}, after);
  page.off('request', count);
  const pages2 = await page.$$eval('#pages img', els => els.map(e => e.getAttribute('src')));
  check(`a render whose pages did not change fetches no image (${fetched} fetched; ${pages2.length} pages, same addresses)`,
        fetched === 0 && pages2.join() === pages1.join());
  after = Number(await page.evaluate(() => document.body.dataset.previewed));
  // A removed block restored: it is kept, and rendered again.
  const n = await page.$$eval('#blocks li.removed', els => els.length);
  await page.click('#blocks li.removed button');
  await page.waitForFunction(k => document.querySelectorAll('#blocks li.removed').length === k - 1, {}, n);
  check('one click restores a removed block', true);
  await page.waitForFunction(b => Number(document.body.dataset.previewed) > b, {}, after);

  // The PDF, downloaded, has the new title.
  await page.click('#download');
  let pdf = null;
  for (let i = 0; i < 100 && !pdf; i++) {
    await sleep(100);
    pdf = fs.readdirSync(downloads).find(f => f.endsWith('.pdf'));
  }
  check(`the download button gives a PDF (${pdf})`, !!pdf);
  if (pdf) {
    const text = spawnSync('pdftotext', [path.join(downloads, pdf), '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
    check('the downloaded PDF has the new title', text.includes('A Title Changed In The Browser'));
  }

  // Saved under the root.
  await page.click('#save-path', { clickCount: 3 });
  await page.keyboard.type('articles/changed.md');
  await page.click('#save');
  await page.waitForFunction(() => document.querySelector('#save-status').textContent.includes('changed.md'));
  const saved = fs.readFileSync(path.join(root, 'articles/changed.md'), 'utf8');
  check('the article is saved under the root with the new title', saved.includes('title: A Title Changed In The Browser'));
  if (shots) await page.screenshot({ path: path.join(shots, 'preview.png'), fullPage: false });

  // The interface in Chinese.
  await page.select('#ui-lang', 'zh');
  check('the interface speaks Chinese', (await page.$eval('#preview-h', e => e.textContent)) === '预览');
  if (shots) await page.screenshot({ path: path.join(shots, 'import-zh.png'), fullPage: false });
  await page.select('#ui-lang', 'en');

  // 3. Refusals.
  const fresh = await browser.createIncognitoBrowserContext();
  const stranger = await fresh.newPage();
  const res = await stranger.goto(base + '/');
  check(`a page opened without the token is refused (${res.status()})`, res.status() === 403);
  const api = await stranger.goto(base + '/api/files');
  check(`... and so is the API (${api.status()})`, api.status() === 403);
  await fresh.close();

  const outside = await page.evaluate(async () => {
    const r = await fetch('/api/save', { method: 'POST', body: JSON.stringify({ path: '../escaped.md', fields: { title: 'x' }, blocks: [] }) });
    return [r.status, (await r.json()).error.message];
  });
  check(`a path outside the root is refused (${outside.join(': ')})`, outside[0] === 403 && !fs.existsSync(path.join(root, '..', 'escaped.md')));
  const outside2 = await page.evaluate(async () => {
    const f = new FormData();
    f.append('path', '../../../../etc/passwd');
    const r = await fetch('/api/import', { method: 'POST', body: f });
    return r.status;
  });
  check(`a page to import from outside the root is refused (${outside2})`, outside2 === 403);

  await input.uploadFile(big);
  await page.waitForFunction(() => document.querySelector('#import-status').classList.contains('error'), { timeout: 10000 });
  const message = await page.$eval('#import-status', e => e.textContent);
  check(`an upload past --max-upload is refused with a clear message ("${message}")`, /larger than the limit of 1 MiB/.test(message));
  await page.$eval('#import-status', e => e.scrollIntoView({ block: 'center' }));
  if (shots) await page.screenshot({ path: path.join(shots, 'refused.png'), fullPage: false });
} finally {
  await browser.close();
  child.kill('SIGINT');
}
const code = await new Promise(r => child.once('exit', (c, s) => r(s || c)));
check(`Ctrl-C stops the server (${code})`, code === 'SIGINT' || code === 130);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
