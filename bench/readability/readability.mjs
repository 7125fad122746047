// Mozilla Readability (Firefox Reader View) as a baseline for `inkstone import`:
//   node bench/readability/readability.mjs IN.html OUT.md
// writes Readability's article in the importer's format: YAML front matter (title, date, lang,
// authors from Readability's fields) and the body as plain-text paragraphs and `## ` headings.
import { readFileSync, writeFileSync } from 'node:fs';
import { JSDOM, VirtualConsole } from 'jsdom';
import { Readability, isProbablyReaderable } from '@mozilla/readability';

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: node readability.mjs IN.html OUT.md');
  process.exit(2);
}

// Bytes to text: a BOM wins, then a <meta charset> / http-equiv charset in the first 4 KiB
// (Node's full-ICU TextDecoder knows gb2312, gbk, gb18030, big5, ...), then UTF-8 if the bytes
// are valid UTF-8, else GB18030 (the non-UTF-8 pages here are Chinese).
function decode(bytes) {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const m = head.match(/<meta\b[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)/i);
  if (m) {
    try {
      return new TextDecoder(m[1]).decode(bytes);
    } catch { /* unknown label: sniff below */ }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

// jsdom complains about CSS it cannot parse; Readability does not need to hear it.
const dom = new JSDOM(decode(readFileSync(input)), { virtualConsole: new VirtualConsole() });
// Firefox offers Reader View only where this holds; we convert anyway and just say so.
if (!isProbablyReaderable(dom.window.document)) console.error(`readability: ${input}: not probably readerable`);
const article = new Readability(dom.window.document).parse();
// No article: no output file (the scorer reads that as "not an article"), exit status 1.
if (!article) {
  console.error(`readability: ${input}: no article found`);
  process.exit(1);
}

// YAML double-quoted scalar: JSON's escapes are valid YAML; also escape U+0085/U+2028/U+2029,
// which YAML 1.1 readers treat as line breaks.
const quote = (s) => JSON.stringify(s).replace(/[\u0085\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
// Collapse HTML whitespace only: an &nbsp; inside a sentence stays U+00A0, as the importer keeps it.
const squash = (s) => (s || '').replace(/[ \t\n\r\f]+/g, ' ').replace(/^ | $/g, '');

// Date: the YYYY-MM-DD a timestamp starts with (as written, no time-zone shift), else whatever
// Date can parse, else none.
function isoDate(s) {
  const m = (s || '').match(/^\s*(\d{4}-\d{2}-\d{2})/);
  if (m) return m[1];
  const d = new Date(s || '');
  return isNaN(d) ? null : d.toISOString().slice(0, 10);
}

const fm = ['---'];
if (squash(article.title)) fm.push(`title: ${quote(squash(article.title))}`);
const date = isoDate(article.publishedTime);
if (date) fm.push(`date: ${date}`);
if (squash(article.lang)) fm.push(`lang: ${squash(article.lang)}`);  // <html lang>, as written
if (squash(article.byline)) fm.push('authors:', `  - name: ${quote(squash(article.byline))}`);
fm.push('---');

// Body: walk Readability's HTML; text between block boundaries becomes a paragraph (a heading
// when it comes from h1-h6). <br> also ends a paragraph (a reader sees a new line). Whitespace
// collapses as in rendering, except in <pre>; a line break between two CJK characters vanishes
// (CSS segment-break rule), so hard-wrapped Chinese is not split by spaces.
const BLOCK = new Set(('address article aside blockquote caption dd details dialog div dl dt fieldset ' +
  'figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main nav ol p pre section ' +
  'summary table tbody td tfoot th thead tr ul').split(' '));
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math']);
const CJK = '\\u2e80-\\u9fff\\uac00-\\ud7af\\uf900-\\ufaff\\uff00-\\uffef';
const blocks = [];
let buf = '', heading = false, pre = 0;

// Plain text, so backslash-escape what Markdown would read as markup (inline, or a list / quote /
// heading marker at a line start). Headings stay as they are (scorers match them literally).
const escape = (t) => t.replace(/[\\`*_[\]<>]/g, '\\$&')
  .replace(/^([-+#>])/gm, '\\$1').replace(/^(\d+)([.)])(?=\s|$)/gm, '$1\\$2');

function flush() {
  let text = pre ? buf.replace(/^\s*\n|\s+$/g, '').replace(/\n\s*\n/g, '\n')
    : squash(buf.replace(new RegExp(`([${CJK}])[ \\t\\r\\f]*\\n[ \\t\\n\\r\\f]*(?=[${CJK}])`, 'g'), '$1'));
  text = text.replace(/^\s+|\s+$/g, '');  // also edge NBSP / ideographic-space indents; NBSP-only: dropped
  if (text) blocks.push(heading ? `## ${squash(text)}` : escape(text));
  buf = '';
}

function walk(node) {
  for (const child of node.childNodes) {
    if (child.nodeType === 3) { buf += child.data; continue; }
    if (child.nodeType !== 1) continue;
    const tag = child.localName;
    if (SKIP.has(tag)) continue;
    if (tag === 'br') { if (pre) buf += '\n'; else flush(); continue; }
    if (!BLOCK.has(tag)) { walk(child); continue; }
    flush();
    const h = /^h[1-6]$/.test(tag), wasHeading = heading;
    heading = h || heading;
    if (tag === 'pre') pre++;
    walk(child);
    flush();
    if (tag === 'pre') pre--;
    heading = wasHeading;
  }
}

walk(JSDOM.fragment(article.content || ''));
flush();
writeFileSync(output, fm.join('\n') + '\n' + (blocks.length ? '\n' + blocks.join('\n\n') + '\n' : ''));
