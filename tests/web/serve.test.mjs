// inkstone serve in a real browser (issue 18): Debian's chromium, headless, driven by
// puppeteer-core (nothing is downloaded at test time). Run by tests/web.sh:
//   node tests/web/serve.test.mjs INKSTONE WORKDIR [SCREENSHOT_DIR]
// 1. The import screen: a saved web page chosen with the file input; the fields and the blocks
//    (removed ones struck out with their reason) appear, and the preview's pages.
// 2. The title changed in the form: the preview changes (the time from the last keystroke to the
//    new first page shown is printed), a removed block restored, the PDF downloaded with the new
//    title in it, the article saved under the root.
// 3. Refusals: a page opened without the token (403), a path outside the root (403; also a file
//    an article or volume names), an upload past --max-upload (413, its message shown).
// 4. An article of the folder opened, a subheading corrected, saved back.
// 5. The volume screen: a manifest opened, articles reordered (mouse and keyboard) and added,
//    compiled with a progress bar, downloaded, saved.
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

// Fetches `url` in the page (with its cookie; a POST of the form's draft when `postDraft`), writes
// the body to `file` and returns [Content-Disposition, base64 body].
async function fetchToFile(page, url, file, postDraft = false) {
  const got = await page.evaluate(async (u, post) => {
    const r = await fetch(u, post ? { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(draft()) } : {});
    const bytes = new Uint8Array(await r.arrayBuffer());
    let s = '';
    for (const b of bytes) s += String.fromCharCode(b);
    return [r.headers.get('Content-Disposition'), btoa(s)];
  }, url, postDraft);
  fs.writeFileSync(file, Buffer.from(got[1], 'base64'));
  return got;
}

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
// The samples, for opening an article and a volume.
const samples = path.join(path.dirname(new URL(import.meta.url).pathname), '../../samples');
fs.mkdirSync(path.join(root, 'vol'), { recursive: true });
for (const f of fs.readdirSync(samples)) if (/\.(md|yaml|png)$/.test(f)) fs.copyFileSync(path.join(samples, f), path.join(root, 'vol', f));
fs.cpSync(path.join(samples, 'figures'), path.join(root, 'vol', 'figures'), { recursive: true });
fs.writeFileSync(path.join(root, '..', 'outside.yaml'), 'extends: briefing\n');
fs.writeFileSync(path.join(root, '..', 'outside.md'), '---\ntitle: Outside\n---\n\nText.\n');
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

  // 4. An article of the folder opened for correction: its fields, its blocks as written; a
  //    subheading corrected in place; saved back with its other front matter kept.
  await page.select('#root-files', 'vol/en-mekong-water.md');
  await page.click('#open-file');
  await page.waitForFunction(() => document.querySelector('#f-title').value.includes('Mekong'));
  const opened = await page.evaluate(() => ({
    title: document.querySelector('#f-title').value,
    authors: document.querySelectorAll('#authors .author').length,
    extra: document.querySelector('#f-extra').value,
    heads: [...document.querySelectorAll('#blocks li.heading textarea')].map(e => e.value),
  }));
  check(`an article opens with its fields (${opened.authors} authors) and blocks (${opened.heads.length} subheadings)`,
        opened.authors === 2 && opened.heads.length >= 2 && opened.extra.includes('keywords'));
  check('... its save path is where it is', (await page.$eval('#save-path', e => e.value)) === 'vol/en-mekong-water.md');
  let shown = Number(await page.evaluate(() => document.body.dataset.previewed));
  await page.waitForFunction(b => Number(document.body.dataset.previewed) > b, { timeout: 20000 }, shown - 1);
  const headBox = (await page.$$('#blocks li.heading textarea'))[0];
  await headBox.click({ clickCount: 1 });
  await page.keyboard.down('Control'); await page.keyboard.press('a'); await page.keyboard.up('Control');
  await page.keyboard.type('## A Corrected Subheading');
  shown = Number(await page.evaluate(() => document.body.dataset.previewed));
  await page.waitForFunction(b => Number(document.body.dataset.previewed) > b && !document.querySelector('#preview-status').textContent.includes('…'), { timeout: 20000 }, shown);
  await page.click('#save');
  await page.waitForFunction(() => document.querySelector('#save-status').textContent.includes('en-mekong-water.md'));
  const corrected = fs.readFileSync(path.join(root, 'vol/en-mekong-water.md'), 'utf8');
  check('the corrected subheading is saved in place, the other front matter kept',
        corrected.includes('\n## A Corrected Subheading\n') && corrected.includes('keywords: [Mekong'));
  const rerender = spawnSync(bin, ['render', path.join(root, 'vol/en-mekong-water.md'), '-o', path.join(root, '..', 'corrected.pdf')], { encoding: 'utf8' });
  check(`... and renders from the command line (${rerender.status})`, rerender.status === 0, rerender.stderr);

  // The edition and style choosers: a Simplified Chinese article previewed in the Taiwan edition
  // (the preview's pages change; the PDF is named for the edition and is in Traditional
  // characters), then in another style.
  await page.select('#root-files', 'vol/zh-hans-urban-renewal.md');
  shown = Number(await page.evaluate(() => document.body.dataset.previewed));
  await page.click('#open-file');
  await page.waitForFunction(b => Number(document.body.dataset.previewed) > b && document.querySelector('#f-title').value.includes('城市'), { timeout: 20000 }, shown);
  const simplified = await page.$$eval('#pages img', els => els.map(e => e.getAttribute('src')));
  shown = Number(await page.evaluate(() => document.body.dataset.previewed));
  await page.select('#edition', 'zh-Hant-TW');
  await page.waitForFunction(b => Number(document.body.dataset.previewed) > b, { timeout: 20000 }, shown);
  const traditional = await page.$$eval('#pages img', els => els.map(e => e.getAttribute('src')));
  check(`the edition chooser changes the preview (page 1: ${simplified[0].slice(10, 26)} -> ${traditional[0].slice(10, 26)})`, simplified[0] !== traditional[0]);
  const editionPdf = await fetchToFile(page, '/api/pdf', path.join(downloads, 'edition.pdf'), true);
  const etext = spawnSync('pdftotext', [path.join(downloads, 'edition.pdf'), '-'], { encoding: 'utf8' }).stdout;
  check(`... and the PDF is the edition's (${editionPdf[0]}; "城市更新的錢從哪裡來" in it)`,
        /zh-hans-urban-renewal\.zh-Hant-TW\.pdf/.test(editionPdf[0] || '') && etext.includes('城市更新的錢從哪裡來'));
  shown = Number(await page.evaluate(() => document.body.dataset.previewed));
  await page.select('#style', 'quarterly');
  await page.waitForFunction(b => Number(document.body.dataset.previewed) > b, { timeout: 20000 }, shown);
  const restyled = await page.$$eval('#pages img', els => els.map(e => e.getAttribute('src')));
  check('the style chooser changes the preview', restyled[0] !== traditional[0]);
  await page.select('#edition', '');
  await page.select('#style', 'briefing');

  // An article dropped on the drop zone (a file from elsewhere) opens too, saved under its name.
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['---\ntitle: Dropped Article\nlang: en\nkeywords: [drop]\n---\n\nA body paragraph.\n'], 'dropped.md', { type: 'text/markdown' }));
    document.querySelector('#drop').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  await page.waitForFunction(() => document.querySelector('#f-title').value === 'Dropped Article', { timeout: 10000 });
  const droppedPath = await page.$eval('#save-path', e => e.value);
  const droppedExtra = await page.$eval('#f-extra', e => e.value);
  check(`an article dropped on the page opens (save as "${droppedPath}", other front matter "${droppedExtra.trim()}")`,
        droppedPath === 'dropped.md' && droppedExtra.includes('keywords'));

  // 5. The volume screen: a manifest opened, articles reordered by dragging and with the
  //    keyboard, one added from the list, the cover changed, compiled with a progress bar, the
  //    PDF downloaded, the manifest saved (and compiled from the command line).
  await page.click('#tab-volume');
  await page.waitForFunction(() => document.querySelectorAll('#pick-list li').length > 5);
  await page.select('#volume-files', 'vol/volume.yaml');
  await page.click('#open-volume');
  await page.waitForFunction(() => document.querySelectorAll('#sections > li').length === 3);
  const order = () => page.$$eval('#sections > li', els => els.map(e => [...e.querySelectorAll('.articles > li[data-path]')].map(li => li.dataset.path)));
  const order0 = await order();
  check(`a manifest opens with its sections (${order0.map(s => s.length).join('+')} articles)`, order0.flat().length === 6);
  const patternText = await page.$eval('#sections .articles li[data-path*="*"] .meta', e => e.textContent);
  check(`a pattern stays a pattern, its matches counted ("${patternText}")`, /1 article/.test(patternText));

  // Dragged with the mouse: the first article of section 1 to the end of section 3.
  await page.setViewport({ width: 1400, height: 2000 });  // both ends of the drag in view
  await page.setDragInterception(true);
  const from = await page.$('#sections > li:nth-child(1) .articles > li[data-index="0"]');
  const to = await page.$('#sections > li:nth-child(3) .articles');
  await from.dragAndDrop(to);
  await page.setDragInterception(false);
  await page.setViewport({ width: 1400, height: 1000 });
  const order1 = await order();
  check(`an article dragged into another section goes there (${order1.map(s => s.length).join('+')})`,
        order1[0].length === 1 && order1[2].includes(order0[0][0]));
  // With the keyboard: Alt+Down on the first article of section 2.
  await page.focus('#sections > li:nth-child(2) .articles > li[data-index="0"]');
  await page.keyboard.down('Alt'); await page.keyboard.press('ArrowDown'); await page.keyboard.up('Alt');
  const order2 = await order();
  check('Alt+↓ moves the focused article down', order2[1][1] === order1[1][0] && order2[1][0] === order1[1][1]);
  const focusedPath = await page.evaluate(() => document.activeElement.dataset.path);
  check('... and it keeps the focus', focusedPath === order1[1][0]);
  // Added from the list to section 2 with its Add button.
  await page.select('#add-to', '1');
  await page.click('#pick-list li[data-path="articles/changed.md"] button');
  const order3 = await order();
  check('an article is added from the list with its button', order3[1].at(-1) === 'articles/changed.md');
  // The cover.
  await page.click('#v-title', { clickCount: 3 });
  await page.keyboard.type('Browser Quarterly');
  await page.click('#v-issue', { clickCount: 3 });
  await page.keyboard.type('2026 Q4');

  // Compile: the bar, then the download.
  const progressSeen = [];
  const watchBar = setInterval(async () => {
    try { progressSeen.push(await page.$eval('#compile-progress', e => e.hidden ? null : `${e.value}/${e.max}`)); } catch { /* navigating */ }
  }, 20);
  const compileStarted = Date.now();
  await page.click('#compile');
  await page.waitForFunction(() => document.body.dataset.compiled, { timeout: 60000 });
  clearInterval(watchBar);
  const compileMs = Date.now() - compileStarted;
  const bar = await page.$eval('#compile-progress', e => [e.value, e.max, e.hidden]);
  const statusText = await page.$eval('#compile-status', e => e.textContent);
  check(`compiling shows a progress bar, full at the end (${bar[0]}/${bar[1]}; "${statusText}"; ${compileMs} ms in the browser)`,
        !bar[2] && bar[0] === bar[1] && bar[1] === 7);
  const volumePdf = await fetchToFile(page, await page.$eval('#volume-download', e => e.href), path.join(downloads, 'volume.pdf'));
  const vtext = spawnSync('pdftotext', [path.join(downloads, 'volume.pdf'), '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
  check(`the volume downloads as a PDF (${volumePdf[0]})`, /attachment; filename="volume.pdf"/.test(volumePdf[0] || '') && vtext.includes('Browser Quarterly'));
  const moved = vtext.indexOf('Climate and cities'), movedTitle = vtext.indexOf('Rethinking Water Diplomacy', moved);
  check('... with the dragged article in its new section (after the third heading of the contents)', moved > 0 && movedTitle > moved);
  check('... and the added article in it', vtext.includes('A Title Changed In The Browser'));
  if (shots) await page.screenshot({ path: path.join(shots, 'volume.png'), fullPage: true });

  await page.click('#volume-path', { clickCount: 3 });
  await page.keyboard.type('vol/edited.yaml');
  await page.click('#save-volume');
  await page.waitForFunction(() => document.querySelector('#volume-save-status').textContent.includes('edited.yaml'));
  const manifest = fs.readFileSync(path.join(root, 'vol/edited.yaml'), 'utf8');
  check('the manifest is saved, its paths relative to its folder',
        manifest.includes('title: Browser Quarterly') && manifest.includes('../articles/changed.md') && manifest.includes('zh-hans-digital-*.md'));
  const cli = spawnSync(bin, ['compile', path.join(root, 'vol/edited.yaml'), '-o', path.join(root, '..', 'edited.pdf')], { encoding: 'utf8' });
  check(`... and compiles from the command line (${cli.status})`, cli.status === 0, cli.stderr);
  await page.select('#ui-lang', 'zh');
  if (shots) await page.screenshot({ path: path.join(shots, 'volume-zh.png'), fullPage: false });
  await page.select('#ui-lang', 'en');
  await page.click('#tab-article');

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
  // A file a render would read outside the root (a style named by path) is refused where it is read.
  const outside3 = await page.evaluate(async () => {
    const r = await fetch('/api/preview', { method: 'POST', body: JSON.stringify({ path: 'x.md',
      markdown: '---\ntitle: x\nstyle: ../outside.yaml\n---\n\nText.\n' }) });
    return [r.status, (await r.json()).error.message];
  });
  check(`a file outside the root that an article names is not read (${outside3.join(': ')})`, outside3[0] === 403 && /^refused: /.test(outside3[1]));
  const outside4 = await page.evaluate(async () => {
    const r = await fetch('/api/volume/compile', { method: 'POST', body: JSON.stringify({
      volume: { title: 'x', sections: [{ title: 's', articles: ['../outside.md'] }] } }) });
    return r.status;
  });
  check(`a volume naming an article outside the root is refused (${outside4})`, outside4 === 403);

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
