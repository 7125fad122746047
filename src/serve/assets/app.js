// inkstone serve: the import and preview screen. Plain JavaScript, no framework; every text from
// a page or the server goes into the document as text (textContent), never as markup.
'use strict';

const T = {
  en: {
    tagline: 'Import, correct, preview and download', interface: 'Interface',
    importHeading: '1. Bring in a page', dropHint: 'Drop a saved web page (HTML or text) or an article (.md) here, or choose one:',
    pasteSummary: "…or paste the page's text", importPasted: 'Import the pasted text',
    underRoot: '…or a page or an article in the folder:', open: 'Open', fieldsHeading: '2. Check what was found',
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
    kinds: { paragraph: 'paragraph', heading: 'heading', 'pull-quote': 'pull quote', 'list-item': 'list item',
      list: 'list', code: 'code', figure: 'figure', table: 'table', block: 'block' },
    tabArticle: 'Article', tabVolume: 'Volume', extraSummary: 'Other front matter (YAML)',
    pages: 'Pages', articles: 'Articles',
    pickHeading: 'Articles in the folder', filter: 'Filter', addTo: 'Add to', add: 'Add',
    pickHint: 'Drag an article into a section, or press its Add button.', notArticle: 'not an article: ',
    volumeHeading: 'The volume', openVolume: 'Open a volume', newVolume: 'New volume', coverHeading: 'Cover',
    issue: 'Issue', publisher: 'Publisher', coverImage: 'Cover image (PNG)', editorsNote: "Editor's note",
    none: '(none)', styleDefault: '(the volume style: quarterly)',
    sectionsHeading: 'Sections', addSection: 'Add a section',
    sectionsHint: 'Drag articles to order them, within a section or into another. With the keyboard: the arrow buttons, or Alt+↑ and Alt+↓ on a focused article.',
    sectionTitle: n => `Title of section ${n}`, newSection: 'New section', emptySection: 'Drop articles here.',
    up: 'Move up', down: 'Move down', pattern: n => `pattern: ${n} article${n === 1 ? '' : 's'} match`,
    compileHeading: 'Compile', compile: 'Compile', compiling: (d, n) => `Laying out: ${d} of ${n} articles…`,
    compiled: (p, ms) => `Compiled: ${p} pages in ${ms} ms.`, starting: 'Starting…',
    writing: 'Laid out; drawing the pages and writing the PDF…',
    volumeOpened: p => `Opened ${p}.`, noVolumes: '(no volumes in the folder)',
    needSections: 'Add a section with at least one article.', needTitle: 'The volume needs a title.',
  },
  zh: {
    tagline: '导入、校对、预览、下载', interface: '界面',
    importHeading: '一、导入网页', dropHint: '把保存的网页（HTML 或文本）或文章（.md）拖到这里，或选择文件：',
    pasteSummary: '……或粘贴网页文字', importPasted: '导入粘贴的文字',
    underRoot: '……或文件夹中的网页或文章：', open: '打开', fieldsHeading: '二、核对识别结果',
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
    kinds: { paragraph: '段落', heading: '标题', 'pull-quote': '引文', 'list-item': '列表项',
      list: '列表', code: '代码', figure: '图', table: '表', block: '块' },
    tabArticle: '文章', tabVolume: '合集', extraSummary: '其他前置信息（YAML）',
    pages: '网页', articles: '文章',
    pickHeading: '文件夹中的文章', filter: '筛选', addTo: '添加到', add: '添加',
    pickHint: '把文章拖入某一栏目，或按“添加”。', notArticle: '不是文章：',
    volumeHeading: '合集', openVolume: '打开合集', newVolume: '新建合集', coverHeading: '封面',
    issue: '期号', publisher: '出版者', coverImage: '封面图片（PNG）', editorsNote: '编者按',
    none: '（无）', styleDefault: '（合集样式：quarterly）',
    sectionsHeading: '栏目', addSection: '添加栏目',
    sectionsHint: '拖动文章排序，可在栏目内或跨栏目移动。用键盘：箭头按钮，或在选中的文章上按 Alt+↑、Alt+↓。',
    sectionTitle: n => `第 ${n} 栏目标题`, newSection: '新栏目', emptySection: '把文章拖到这里。',
    up: '上移', down: '下移', pattern: n => `通配：匹配 ${n} 篇文章`,
    compileHeading: '编译', compile: '编译', compiling: (d, n) => `正在排版：${n} 篇中的第 ${d} 篇……`,
    compiled: (p, ms) => `编译完成：共 ${p} 页，用时 ${ms} 毫秒。`, starting: '正在开始……',
    writing: '排版完成，正在绘制页面、写入 PDF……',
    volumeOpened: p => `已打开 ${p}。`, noVolumes: '（文件夹中没有合集）',
    needSections: '请添加栏目，并至少放入一篇文章。', needTitle: '合集需要标题。',
  },
};

const $ = id => document.getElementById(id);
const state = { blocks: [], loaded: false, ui: 'en', pending: false, inFlight: false, pages: [],
  articles: [], sections: [], volumeExtra: {}, dragging: null, job: null };
const t = key => T[state.ui][key];

function applyLanguage() {
  document.documentElement.lang = state.ui === 'zh' ? 'zh-Hans' : 'en';
  for (const el of document.querySelectorAll('[data-t]')) {
    const v = t(el.dataset.t);
    if (typeof v === 'string') el.textContent = v;
  }
  renderAuthors(readAuthors());
  renderBlocks();
  renderPicker();
  renderSections();
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
  const lang = f.lang || 'en';
  if (![...$('f-lang').options].some(o => o.value === lang)) $('f-lang').append(new Option(lang, lang));
  $('f-lang').value = lang;
  $('f-extra').value = f.extra || '';
  $('extra-box').open = Boolean(f.extra);
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

// What a block of an opened article's Markdown is, for its label.
function kindOf(b) {
  if (b.kind !== 'markdown') return b.kind;
  const s = b.text;
  if (/^#{1,6}\s/.test(s)) return 'heading';
  if (/^:::+\s*pull-?quote/i.test(s)) return 'pull-quote';
  if (/^:::+\s*figure/i.test(s) || /^!\[/.test(s)) return 'figure';
  if (/^:::+\s*table/i.test(s) || /^\|/.test(s)) return 'table';
  if (/^:::/.test(s)) return 'block';
  if (/^(```|~~~)/.test(s)) return 'code';
  if (/^([-*+]|\d+[.)])\s/.test(s)) return 'list';
  return 'paragraph';
}

function renderBlocks() {
  const list = $('blocks');
  list.replaceChildren();
  state.blocks.forEach((b, i) => {
    const k = kindOf(b);
    const li = document.createElement('li');
    li.className = `${k} ${b.kept ? 'kept' : 'removed'}`;
    const kind = document.createElement('span');
    kind.className = 'kind';
    kind.textContent = t('kinds')[k] || k;
    let text;
    if (b.kept) {
      // A kept block's text is edited in place (its Markdown).
      text = document.createElement('textarea');
      text.className = 'text';
      text.value = b.text;
      text.rows = Math.min(12, b.text.split('\n').length + Math.floor(b.text.length / 90));
      text.setAttribute('aria-label', `${kind.textContent} ${i + 1}`);
      text.addEventListener('input', () => { b.text = text.value; });
    } else {
      text = document.createElement('span');
      text.className = 'text';
      text.textContent = b.text;
    }
    if (b.attribution) {
      const by = document.createElement('span');
      by.className = 'by';
      by.textContent = `— ${b.attribution}`;
      li.append(by);
    }
    const toggle = document.createElement('button');
    toggle.type = 'button';
    toggle.textContent = b.kept ? t('drop') : t('restore');
    toggle.setAttribute('aria-label', `${toggle.textContent}: ${b.text.slice(0, 40)}`);
    toggle.addEventListener('click', () => { b.kept = !b.kept; renderBlocks(); schedulePreview(); list.children[i].querySelector('button').focus(); });
    li.prepend(kind, text);
    li.append(toggle);
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
  for (const key of ['title', 'subtitle', 'section', 'date', 'summary', 'bio', 'extra']) fields[key] = $('f-' + key).value;
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

// The editions a preview or compile can be made in (the two screens' choosers).
const EDITIONS = [['zh-Hans', 'zh-Hans 简体'], ['zh-Hant', 'zh-Hant 繁體'], ['zh-Hant-TW', 'zh-Hant-TW 臺灣'], ['zh-Hant-HK', 'zh-Hant-HK 香港']];

async function init() {
  for (const id of ['edition', 'v-edition']) {
    const sel = $(id);
    const asWritten = new Option(t('asWritten'), '');
    asWritten.dataset.t = 'asWritten';
    sel.append(asWritten, ...EDITIONS.map(([v, label]) => new Option(label, v)));
  }
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

  $('tab-article').addEventListener('click', () => showScreen('article'));
  $('tab-volume').addEventListener('click', () => showScreen('volume'));
  initVolume();

  try {
    const [files, styles] = await Promise.all([api('/api/files'), api('/api/styles')]);
    state.files = files.files;
    const sel = $('root-files');
    for (const [label, re] of [['articles', /\.md$/i], ['pages', /\.(html?|txt)$/i]]) {
      const group = document.createElement('optgroup');
      group.label = t(label);
      for (const f of files.files.filter(f => re.test(f))) group.append(new Option(f, f));
      if (group.children.length) sel.append(group);
    }
    if (!sel.options.length) sel.append(new Option(t('noFiles'), ''));
    for (const s of styles.styles) $('style').append(new Option(s, s));
    $('style').value = styles.styles.includes('briefing') ? 'briefing' : styles.styles[0];
    state.styles = styles.styles;
    fillVolumeChoices();
  } catch (e) {
    showError($('import-status'), e);
  }
  document.body.dataset.ready = '1';
}

function showScreen(which) {
  $('article-screen').hidden = which !== 'article';
  $('volume-screen').hidden = which !== 'volume';
  $('tab-article').setAttribute('aria-pressed', String(which === 'article'));
  $('tab-volume').setAttribute('aria-pressed', String(which === 'volume'));
  if (which === 'volume' && !state.articlesLoaded) loadArticles();
}

// ---- volumes -----------------------------------------------------------------------------------

const isPattern = p => /[*?[]/.test(p.split('/').pop());
function globRegex(p) {
  let re = '';
  for (const c of p) re += c === '*' ? '[^/]*' : c === '?' ? '[^/]' : /[.+^${}()|\\\]]/.test(c) ? '\\' + c : c;
  return new RegExp(`^${re}$`);
}
function articleInfo(path) { return state.articles.find(a => a.path === path); }

async function loadArticles() {
  try {
    state.articles = (await api('/api/articles')).articles;
    state.articlesLoaded = true;
    renderPicker();
    renderSections();
  } catch (e) {
    showError($('volume-open-status'), e);
  }
}

function fillVolumeChoices() {
  const files = state.files || [];
  const vols = $('volume-files');
  vols.replaceChildren();
  for (const f of files.filter(f => /\.ya?ml$/i.test(f))) vols.append(new Option(f, f));
  if (!vols.options.length) vols.append(new Option(t('noVolumes'), ''));
  const style = $('v-style');
  style.replaceChildren(new Option(t('styleDefault'), ''));
  for (const s of state.styles || []) style.append(new Option(s, s));
  for (const [id, re] of [['v-cover', /\.png$/i], ['v-note', /\.md$/i]]) {
    const sel = $(id);
    sel.replaceChildren(new Option(t('none'), ''));
    for (const f of files.filter(f => re.test(f))) sel.append(new Option(f, f));
  }
}

// A value a select does not list (a manifest's) is added so that it is kept.
function setSelect(sel, value) {
  if (value && ![...sel.options].some(o => o.value === value)) sel.append(new Option(value, value));
  sel.value = value || '';
}

function loadVolume(path, v) {
  for (const key of ['title', 'subtitle', 'issue', 'date', 'publisher']) $('v-' + key).value = v[key] || '';
  setSelect($('v-style'), v.style);
  setSelect($('v-cover'), v.cover);
  setSelect($('v-note'), v.editorsNote);
  state.volumeExtra = { lang: v.lang || '', dictionary: v.dictionary || '', editions: v.editions || [] };
  state.sections = (v.sections || []).map(s => ({ title: s.title || '', articles: [...(s.articles || [])] }));
  $('volume-path').value = path;
  renderSections();
}

function volumeDraft() {
  const v = { ...state.volumeExtra };
  for (const key of ['title', 'subtitle', 'issue', 'date', 'publisher']) v[key] = $('v-' + key).value;
  v.style = $('v-style').value;
  v.cover = $('v-cover').value;
  v.editorsNote = $('v-note').value;
  v.sections = state.sections.map(s => ({ title: s.title, articles: [...s.articles] }));
  return v;
}

function renderPicker() {
  const list = $('pick-list');
  if (!list) return;
  const filter = $('pick-filter').value.trim().toLowerCase();
  list.replaceChildren();
  const used = new Set(state.sections.flatMap(s => s.articles));
  for (const a of state.articles) {
    const words = `${a.path} ${a.title || ''} ${(a.authors || []).join(' ')} ${a.section || ''}`.toLowerCase();
    if (filter && !words.includes(filter)) continue;
    const li = document.createElement('li');
    li.className = a.error ? 'not-article' : used.has(a.path) ? 'used' : '';
    const label = document.createElement('div');
    label.className = 'label';
    const title = document.createElement('span');
    title.className = 'title';
    title.textContent = a.title || a.path;
    const meta = document.createElement('span');
    meta.className = 'meta';
    meta.textContent = a.error ? t('notArticle') + a.error.message : [a.path, a.lang, a.date, (a.authors || []).join(', ')].filter(Boolean).join(' · ');
    label.append(title, meta);
    li.append(label);
    if (!a.error) {
      li.draggable = true;
      li.dataset.path = a.path;
      li.addEventListener('dragstart', e => startDrag(e, { path: a.path }));
      li.addEventListener('dragend', endDrag);
      const add = document.createElement('button');
      add.type = 'button';
      add.textContent = t('add');
      add.setAttribute('aria-label', `${t('add')}: ${a.title || a.path}`);
      add.addEventListener('click', () => {
        if (!state.sections.length) state.sections.push({ title: t('newSection'), articles: [] });
        const s = Math.min(Number($('add-to').value) || 0, state.sections.length - 1);
        state.sections[s].articles.push(a.path);
        renderSections();
      });
      li.append(add);
    }
    list.append(li);
  }
}

function startDrag(e, what) {
  state.dragging = what;
  e.dataTransfer.effectAllowed = 'copyMove';
  e.dataTransfer.setData('text/plain', what.path);
  e.currentTarget.classList.add('dragging');
}
function endDrag(e) {
  state.dragging = null;
  e.currentTarget.classList.remove('dragging');
  for (const el of document.querySelectorAll('.drop-before, .drop-end')) el.classList.remove('drop-before', 'drop-end');
}

// Where in `list` (an <ol> of a section's articles) a drop at `y` goes: the index of the first
// item whose middle is below it.
function dropIndex(list, y) {
  const items = [...list.children].filter(li => li.dataset.index !== undefined);
  for (const li of items) {
    const r = li.getBoundingClientRect();
    if (y < r.top + r.height / 2) return Number(li.dataset.index);
  }
  return items.length;
}

function moveArticle(from, to) {
  // from: {section, index} or {path}; to: {section, index}
  let path = from.path;
  if (from.section !== undefined) {
    path = state.sections[from.section].articles.splice(from.index, 1)[0];
    if (from.section === to.section && from.index < to.index) to.index -= 1;
  }
  state.sections[to.section].articles.splice(to.index, 0, path);
  renderSections();
  const moved = document.querySelector(`#sections > li:nth-child(${to.section + 1}) .articles > li[data-index="${to.index}"]`);
  if (moved) moved.focus();
}

function renderSections() {
  const box = $('sections');
  if (!box) return;
  box.replaceChildren();
  state.sections.forEach((sec, s) => {
    const li = document.createElement('li');
    li.className = 'section';
    const head = document.createElement('div');
    head.className = 'section-head';
    const title = document.createElement('input');
    title.value = sec.title;
    title.setAttribute('aria-label', t('sectionTitle')(s + 1));
    title.addEventListener('input', () => { sec.title = title.value; fillAddTo(); });
    head.append(title);
    head.append(...sectionButtons(s));
    li.append(head);
    const list = document.createElement('ol');
    list.className = 'articles';
    list.addEventListener('dragover', e => {
      if (!state.dragging) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = state.dragging.section === undefined ? 'copy' : 'move';
      for (const el of document.querySelectorAll('.drop-before, .drop-end')) el.classList.remove('drop-before', 'drop-end');
      const i = dropIndex(list, e.clientY);
      const before = list.querySelector(`li[data-index="${i}"]`);
      (before || list).classList.add(before ? 'drop-before' : 'drop-end');
    });
    list.addEventListener('drop', e => {
      if (!state.dragging) return;
      e.preventDefault();
      const from = state.dragging;
      state.dragging = null;
      moveArticle(from, { section: s, index: dropIndex(list, e.clientY) });
    });
    sec.articles.forEach((path, i) => list.append(articleItem(sec, s, path, i)));
    if (!sec.articles.length) {
      const empty = document.createElement('li');
      empty.className = 'empty';
      empty.textContent = t('emptySection');
      list.append(empty);
    }
    li.append(list);
    box.append(li);
  });
  fillAddTo();
  renderPickerUsed();
}

function renderPickerUsed() {
  const used = new Set(state.sections.flatMap(s => s.articles));
  for (const li of document.querySelectorAll('#pick-list > li[data-path]')) li.classList.toggle('used', used.has(li.dataset.path));
}

function button(label, aria, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.setAttribute('aria-label', aria);
  b.addEventListener('click', onClick);
  return b;
}

function sectionButtons(s) {
  const name = state.sections[s].title || String(s + 1);
  const swap = (a, b) => {
    if (b < 0 || b >= state.sections.length) return;
    [state.sections[a], state.sections[b]] = [state.sections[b], state.sections[a]];
    renderSections();
  };
  return [
    button('↑', `${t('up')}: ${name}`, () => swap(s, s - 1)),
    button('↓', `${t('down')}: ${name}`, () => swap(s, s + 1)),
    button('✕', `${t('remove')}: ${name}`, () => { state.sections.splice(s, 1); renderSections(); }),
  ];
}

function articleItem(sec, s, path, i) {
  const li = document.createElement('li');
  li.tabIndex = 0;
  li.draggable = true;
  li.dataset.index = String(i);
  li.dataset.path = path;
  const info = articleInfo(path);
  const label = document.createElement('div');
  label.className = 'label';
  const title = document.createElement('span');
  title.className = 'title';
  const meta = document.createElement('span');
  meta.className = 'meta';
  if (isPattern(path)) {
    const re = globRegex(path);
    const n = state.articles.filter(a => !a.error && re.test(a.path)).length;
    title.textContent = path;
    meta.textContent = t('pattern')(n);
  } else {
    title.textContent = info && info.title ? info.title : path;
    meta.textContent = info ? [path, info.lang, (info.authors || []).join(', ')].filter(Boolean).join(' · ') : path;
  }
  label.append(title, meta);
  li.append(label);
  const move = delta => {
    // Up from the first article goes to the end of the section before; down from the last, to
    // the start of the next.
    let to = { section: s, index: i + delta };
    if (to.index < 0) {
      if (s === 0) return;
      to = { section: s - 1, index: state.sections[s - 1].articles.length };
    } else if (to.index >= sec.articles.length) {
      if (s === state.sections.length - 1) return;
      to = { section: s + 1, index: 0 };
    } else if (delta > 0) {
      to.index += 1;  // after the next one (moveArticle counts the removed one)
    }
    moveArticle({ section: s, index: i }, to);
  };
  const name = title.textContent;
  li.append(button('↑', `${t('up')}: ${name}`, () => move(-1)), button('↓', `${t('down')}: ${name}`, () => move(1)),
    button('✕', `${t('remove')}: ${name}`, () => { sec.articles.splice(i, 1); renderSections(); }));
  li.addEventListener('keydown', e => {
    if (e.target !== li || !e.altKey) return;
    if (e.key === 'ArrowUp') { e.preventDefault(); move(-1); }
    if (e.key === 'ArrowDown') { e.preventDefault(); move(1); }
  });
  li.addEventListener('dragstart', e => startDrag(e, { section: s, index: i, path }));
  li.addEventListener('dragend', endDrag);
  return li;
}

function fillAddTo() {
  const sel = $('add-to');
  const keep = sel.value;
  sel.replaceChildren();
  state.sections.forEach((sec, s) => sel.append(new Option(sec.title || `${s + 1}`, String(s))));
  if (!state.sections.length) sel.append(new Option(t('newSection'), '0'));
  if (keep && Number(keep) < state.sections.length) sel.value = keep;
}

async function openVolume() {
  const status = $('volume-open-status');
  const path = $('volume-files').value;
  if (!path) return;
  clearError(status);
  try {
    const data = await api(`/api/volume?path=${encodeURIComponent(path)}`);
    loadVolume(data.path, data.volume);
    status.textContent = t('volumeOpened')(data.path);
  } catch (e) {
    showError(status, e);
  }
}

async function saveVolume() {
  const status = $('volume-save-status');
  clearError(status);
  try {
    const data = await api('/api/volume/save', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ path: $('volume-path').value, volume: volumeDraft() }) });
    status.textContent = t('saved')(data.saved);
  } catch (e) {
    if (e.field === 'path') e.field = 'volume-path';
    showError(status, e);
  }
}

async function compileVolume() {
  const status = $('compile-status');
  const bar = $('compile-progress');
  const link = $('volume-download');
  clearError(status);
  $('compile-warnings').replaceChildren();
  const v = volumeDraft();
  if (!v.title.trim()) return showError(status, { message: t('needTitle'), field: 'v-title' });
  if (!v.sections.some(s => s.articles.length)) return showError(status, { message: t('needSections'), field: 'sections' });
  link.hidden = true;
  bar.hidden = false;
  bar.value = 0;
  bar.max = 1;
  status.textContent = t('starting');
  $('compile').disabled = true;
  try {
    const { job } = await api('/api/volume/compile', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ path: $('volume-path').value, volume: v, edition: $('v-edition').value }) });
    state.job = job;
    for (;;) {
      const j = await api(`/api/job/${job}`);
      if (j.total) { bar.max = j.total; bar.value = j.done; }
      if (j.state === 'running') {
        status.textContent = j.total && j.done === j.total ? t('writing') : t('compiling')(j.done, j.total || '…');
        await new Promise(r => setTimeout(r, 100));
        continue;
      }
      for (const w of j.warnings) {
        const li = document.createElement('li');
        li.textContent = (w.file ? `${w.file}${w.line ? ':' + w.line : ''}: ` : '') + w.message;
        $('compile-warnings').append(li);
      }
      if (j.state === 'failed') throw j.error;
      bar.value = bar.max;
      status.textContent = t('compiled')(j.pages, Math.round(j.ms));
      link.href = `/api/job/${job}/pdf`;
      link.hidden = false;
      document.body.dataset.compiled = job;
      break;
    }
  } catch (e) {
    bar.hidden = true;
    showError(status, e);
  } finally {
    $('compile').disabled = false;
  }
}

function initVolume() {
  $('pick-filter').addEventListener('input', renderPicker);
  $('open-volume').addEventListener('click', openVolume);
  $('new-volume').addEventListener('click', () => {
    loadVolume('volume.yaml', { sections: [{ title: t('newSection'), articles: [] }] });
    $('volume-open-status').textContent = '';
  });
  $('add-section').addEventListener('click', () => {
    state.sections.push({ title: t('newSection'), articles: [] });
    renderSections();
    const inputs = document.querySelectorAll('#sections .section-head input');
    inputs[inputs.length - 1].select();
    inputs[inputs.length - 1].focus();
  });
  $('save-volume').addEventListener('click', saveVolume);
  $('compile').addEventListener('click', compileVolume);
  $('volume-form').addEventListener('submit', e => e.preventDefault());
  renderSections();
}

init();
