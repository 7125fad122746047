// inkstone serve: the import and preview screen. Plain JavaScript, no framework; every text from
// a page or the server goes into the document as text (textContent), never as markup.
'use strict';

const T = {
  en: {
    tagline: 'Import, correct, preview and download', interface: 'Interface',
    importHeading: '1. Bring in a page', dropHint: 'Drop a saved web page (HTML or text) here, or choose one:',
    pasteSummary: "…or paste the page's text", importPasted: 'Import the pasted text',
    underRoot: '…or a page in the folder:', open: 'Open', fieldsHeading: '2. Check what was found',
    title: 'Title', subtitle: 'Subtitle', section: 'Section', date: 'Date', language: 'Language',
    authors: 'Authors', addAuthor: 'Add an author', summary: 'Summary', bio: "Author's bio",
    bodyHeading: 'Body', bodyHint: 'Struck-out blocks were removed as web chrome; the reason is beside each. Restore or drop any block.',
    saveHeading: '3. Save the article', saveAs: 'Save as', save: 'Save', previewHeading: 'Preview',
    style: 'Style', edition: 'Edition', asWritten: 'as written', download: 'Download PDF',
    name: 'Name', position: 'Position', organization: 'Organisation', remove: 'Remove',
    restore: 'Restore', drop: 'Drop', removedBecause: 'Removed: ',
    importing: 'Importing…', imported: (n, k) => `Imported: ${k} of ${n} blocks kept.`,
    rendering: 'Rendering…', rendered: (n, ms) => `${n} page${n === 1 ? '' : 's'}, updated in ${ms} ms.`,
    saved: p => `Saved as ${p}.`, noFiles: '(no pages in the folder)',
    kinds: { paragraph: 'paragraph', heading: 'heading', 'pull-quote': 'pull quote', 'list-item': 'list item' },
  },
  zh: {
    tagline: '导入、校对、预览、下载', interface: '界面',
    importHeading: '一、导入网页', dropHint: '把保存的网页（HTML 或文本）拖到这里，或选择文件：',
    pasteSummary: '……或粘贴网页文字', importPasted: '导入粘贴的文字',
    underRoot: '……或文件夹中的网页：', open: '打开', fieldsHeading: '二、核对识别结果',
    title: '标题', subtitle: '副标题', section: '栏目', date: '日期', language: '语言',
    authors: '作者', addAuthor: '添加作者', summary: '摘要', bio: '作者简介',
    bodyHeading: '正文', bodyHint: '划掉的段落是作为网页杂项删除的，旁边写明原因。任何段落都可恢复或删除。',
    saveHeading: '三、保存文章', saveAs: '保存为', save: '保存', previewHeading: '预览',
    style: '样式', edition: '版本', asWritten: '原文', download: '下载 PDF',
    name: '姓名', position: '职务', organization: '机构', remove: '删除',
    restore: '恢复', drop: '删除', removedBecause: '已删除：',
    importing: '正在导入……', imported: (n, k) => `已导入：保留 ${n} 段中的 ${k} 段。`,
    rendering: '正在排版……', rendered: (n, ms) => `共 ${n} 页，用时 ${ms} 毫秒。`,
    saved: p => `已保存为 ${p}。`, noFiles: '（文件夹中没有网页）',
    kinds: { paragraph: '段落', heading: '标题', 'pull-quote': '引文', 'list-item': '列表项' },
  },
};

const $ = id => document.getElementById(id);
const state = { blocks: [], loaded: false, ui: 'en', pending: false, inFlight: false, pages: [] };
const t = key => T[state.ui][key];

function applyLanguage() {
  document.documentElement.lang = state.ui === 'zh' ? 'zh-Hans' : 'en';
  for (const el of document.querySelectorAll('[data-t]')) {
    const v = t(el.dataset.t);
    if (typeof v === 'string') el.textContent = v;
  }
  renderAuthors(readAuthors());
  renderBlocks();
}

async function api(path, options = {}) {
  const res = await fetch(path, { credentials: 'same-origin', ...options });
  const type = res.headers.get('Content-Type') || '';
  if (!res.ok) {
    let error = { message: `${res.status} ${res.statusText}` };
    if (type.includes('json')) error = (await res.json()).error || error;
    else error.message = (await res.text()) || error.message;
    throw error;
  }
  return type.includes('json') ? res.json() : res;
}

function showError(where, error) {
  for (const w of document.querySelectorAll('.warn[data-for]')) if (w.dataset.error) { w.textContent = ''; delete w.dataset.error; }
  const beside = error.field && document.querySelector(`.warn[data-for="${error.field}"]`);
  const at = error.file ? `${error.file}${error.line ? ':' + error.line : ''}: ` : '';
  if (beside) { beside.textContent = error.message; beside.dataset.error = '1'; }
  where.textContent = at + error.message;
  where.classList.add('error');
}

function clearError(where) {
  where.classList.remove('error');
  for (const w of document.querySelectorAll('.warn[data-for]')) if (w.dataset.error) { w.textContent = ''; delete w.dataset.error; }
}

// ---- import ----------------------------------------------------------------------------------

async function importForm(form) {
  const status = $('import-status');
  status.textContent = t('importing');
  clearError(status);
  try {
    const data = await api('/api/import', { method: 'POST', body: form });
    load(data);
    const kept = data.blocks.filter(b => b.kept).length;
    status.textContent = t('imported')(data.blocks.length, kept);
  } catch (e) {
    showError(status, e);
  }
}

function importFile(file) {
  const form = new FormData();
  form.append('page', file, file.name);
  importForm(form);
}

function load(data) {
  const f = data.fields;
  for (const key of ['title', 'subtitle', 'section', 'date', 'summary', 'bio']) $('f-' + key).value = f[key] || '';
  $('f-lang').value = f.lang || 'en';
  renderAuthors(f.authors.length ? f.authors : [{ name: '', position: '', organization: '' }]);
  for (const w of document.querySelectorAll('.warn[data-for]')) w.textContent = '';
  for (const w of data.fieldWarnings) {
    const el = document.querySelector(`.warn[data-for="${w.field}"]`);
    if (el) el.textContent = w.message;
  }
  state.blocks = data.blocks;
  renderBlocks();
  if (data.suggestedPath) $('save-path').value = data.suggestedPath;
  $('fields').hidden = false;
  state.loaded = true;
  $('download').disabled = false;
  schedulePreview(0);
}

function renderAuthors(list) {
  const box = $('authors');
  box.replaceChildren();
  list.forEach((a, i) => {
    const row = document.createElement('div');
    row.className = 'author';
    for (const key of ['name', 'position', 'organization']) {
      const input = document.createElement('input');
      input.dataset.key = key;
      input.value = a[key] || '';
      input.placeholder = t(key);
      input.setAttribute('aria-label', `${t(key)} ${i + 1}`);
      row.append(input);
    }
    const del = document.createElement('button');
    del.type = 'button';
    del.textContent = t('remove');
    del.addEventListener('click', () => { const all = readAuthors(); all.splice(i, 1); renderAuthors(all); schedulePreview(); });
    row.append(del);
    box.append(row);
  });
}

function readAuthors() {
  return [...$('authors').querySelectorAll('.author')].map(row => {
    const a = {};
    for (const input of row.querySelectorAll('input')) a[input.dataset.key] = input.value;
    return a;
  });
}

function renderBlocks() {
  const list = $('blocks');
  list.replaceChildren();
  state.blocks.forEach((b, i) => {
    const li = document.createElement('li');
    li.className = `${b.kind} ${b.kept ? 'kept' : 'removed'}`;
    const kind = document.createElement('span');
    kind.className = 'kind';
    kind.textContent = t('kinds')[b.kind] || b.kind;
    const text = document.createElement('span');
    text.className = 'text';
    text.textContent = b.text + (b.attribution ? ` — ${b.attribution}` : '');
    const toggle = document.createElement('button');
    toggle.type = 'button';
    toggle.textContent = b.kept ? t('drop') : t('restore');
    toggle.setAttribute('aria-label', `${toggle.textContent}: ${b.text.slice(0, 40)}`);
    toggle.addEventListener('click', () => { b.kept = !b.kept; renderBlocks(); schedulePreview(); list.children[i].querySelector('button').focus(); });
    li.append(kind, text, toggle);
    if (!b.kept && b.reason) {
      const why = document.createElement('span');
      why.className = 'reason';
      why.textContent = t('removedBecause') + b.reason;
      li.append(why);
    }
    list.append(li);
  });
}

function draft() {
  const fields = {};
  for (const key of ['title', 'subtitle', 'section', 'date', 'summary', 'bio']) fields[key] = $('f-' + key).value;
  fields.lang = $('f-lang').value;
  fields.authors = readAuthors();
  return { path: $('save-path').value, fields, blocks: state.blocks, style: $('style').value, edition: $('edition').value };
}

// ---- preview: at most one request at a time; a change meanwhile asks for one more ------------

let timer = null;
function schedulePreview(delay = 250) {
  if (!state.loaded) return;
  clearTimeout(timer);
  timer = setTimeout(preview, delay);
}

async function preview() {
  if (state.inFlight) { state.pending = true; return; }
  state.inFlight = true;
  const status = $('preview-status');
  status.textContent = t('rendering');
  const started = performance.now();
  try {
    const data = await api('/api/preview', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(draft()) });
    clearError(status);
    showPages(data.pages);
    const lint = $('lint');
    lint.replaceChildren();
    for (const w of data.warnings) {
      const li = document.createElement('li');
      li.textContent = (w.line ? `${t('bodyHeading')} ${w.line}: ` : '') + w.message;
      lint.append(li);
    }
    status.textContent = t('rendered')(data.pages.length, Math.round(performance.now() - started));
    document.body.dataset.previewed = String(Number(document.body.dataset.previewed || 0) + 1);
  } catch (e) {
    showError(status, e);
  } finally {
    state.inFlight = false;
    if (state.pending) { state.pending = false; preview(); }
  }
}

// Only the pages whose image changed are fetched: an unchanged page keeps its element and address.
function showPages(ids) {
  const box = $('pages');
  while (box.children.length > ids.length) box.lastChild.remove();
  ids.forEach((id, i) => {
    let img = box.children[i];
    if (!img) {
      img = document.createElement('img');
      box.append(img);
    }
    const src = `/api/page/${id}.png`;
    if (img.getAttribute('src') !== src) {
      img.setAttribute('src', src);
      img.dataset.page = String(i + 1);
    }
    img.alt = `${t('previewHeading')} ${i + 1}`;
  });
  state.pages = ids;
}

async function download() {
  const status = $('preview-status');
  try {
    const res = await api('/api/pdf', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(draft()) });
    const blob = await res.blob();
    const name = (/filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') || '') || [])[1] || 'article.pdf';
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.append(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  } catch (e) {
    showError(status, e);
  }
}

async function save() {
  const status = $('save-status');
  try {
    const data = await api('/api/save', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(draft()) });
    clearError(status);
    status.textContent = t('saved')(data.saved);
  } catch (e) {
    showError(status, e);
  }
}

// ---- wiring ------------------------------------------------------------------------------------

async function init() {
  const saved = localStorage.getItem('inkstone-ui');
  state.ui = saved === 'zh' || (!saved && navigator.language.startsWith('zh')) ? 'zh' : 'en';
  $('ui-lang').value = state.ui;
  applyLanguage();
  $('ui-lang').addEventListener('change', e => { state.ui = e.target.value; localStorage.setItem('inkstone-ui', state.ui); applyLanguage(); });

  const drop = $('drop');
  drop.addEventListener('dragover', e => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', e => {
    e.preventDefault();
    drop.classList.remove('over');
    if (e.dataTransfer.files.length) importFile(e.dataTransfer.files[0]);
  });
  drop.addEventListener('keydown', e => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); $('file').click(); } });
  $('file').addEventListener('change', e => { if (e.target.files.length) importFile(e.target.files[0]); });
  $('paste-import').addEventListener('click', () => {
    const form = new FormData();
    form.append('text', new Blob([$('paste').value], { type: 'text/plain' }), 'pasted.txt');
    importForm(form);
  });
  $('open-file').addEventListener('click', () => {
    const form = new FormData();
    form.append('path', $('root-files').value);
    importForm(form);
  });
  $('fields').addEventListener('input', () => schedulePreview());
  $('fields').addEventListener('submit', e => e.preventDefault());
  $('add-author').addEventListener('click', () => { renderAuthors([...readAuthors(), {}]); });
  $('style').addEventListener('change', () => schedulePreview(0));
  $('edition').addEventListener('change', () => schedulePreview(0));
  $('download').addEventListener('click', download);
  $('save').addEventListener('click', save);

  try {
    const [files, styles] = await Promise.all([api('/api/files'), api('/api/styles')]);
    const pages = files.files.filter(f => /\.(html?|txt)$/i.test(f));
    const sel = $('root-files');
    for (const f of pages) sel.append(new Option(f, f));
    if (!pages.length) sel.append(new Option(t('noFiles'), ''));
    for (const s of styles.styles) $('style').append(new Option(s, s));
    $('style').value = styles.styles.includes('briefing') ? 'briefing' : styles.styles[0];
  } catch (e) {
    showError($('import-status'), e);
  }
  document.body.dataset.ready = '1';
}

init();
