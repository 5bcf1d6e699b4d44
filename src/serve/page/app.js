// vblint serve: the reviewer's page. No framework, no network resource but this server's API.
// Document text, file names, messages and rule documentation are inserted only as text nodes
// (textContent / createTextNode), never as HTML, so a document holding markup shows it verbatim.
'use strict';

(function () {
  const SEVERITIES = ['error', 'warning', 'info'];
  const SEVERITY_LABEL = { error: 'Lỗi', warning: 'Cảnh báo', info: 'Thông tin' };
  const TOKEN_KEY = 'vblint-token';

  const $ = (id) => document.getElementById(id);

  // ------------------------------------------------------------------ state
  const batch = []; // {name, source: File | {name, text}, report}
  let current = -1; // index in batch
  let markEls = []; // finding index -> its mark elements, in text order
  let itemEls = []; // finding index -> its list item
  let visible = []; // finding indices shown, in text order
  let selected = -1; // finding index
  let pendingRetry = null;
  const ruleDocs = new Map();

  // ------------------------------------------------------------------ DOM helpers
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'class') node.className = v;
      else if (k.startsWith('data-')) node.setAttribute(k, String(v));
      else node[k] = v;
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(typeof child === 'string' || typeof child === 'number' ? String(child) : child);
    }
    return node;
  }

  function setStatus(message, isError) {
    const status = $('status');
    status.textContent = message;
    status.classList.toggle('error', Boolean(isError));
  }

  // ------------------------------------------------------------------ API
  function authHeaders() {
    const token = sessionStorage.getItem(TOKEN_KEY);
    return token ? { Authorization: 'Bearer ' + token } : {};
  }

  async function api(path, body) {
    const response = await fetch(path, {
      method: body === undefined ? 'GET' : 'POST',
      headers: authHeaders(),
      body,
    });
    if (response.status === 401) {
      sessionStorage.removeItem(TOKEN_KEY);
      $('token-form').hidden = false;
      $('token-input').focus();
      const error = new Error('Cần mã truy cập: nhập mã rồi thử lại.');
      error.needsToken = true;
      throw error;
    }
    if (!response.ok) {
      let message = response.status + ' ' + response.statusText;
      try {
        const json = await response.json();
        if (json && json.error) message = json.error;
      } catch (_) { /* not JSON */ }
      throw new Error(message);
    }
    return response;
  }

  function formOf(sources) {
    const form = new FormData();
    for (const source of sources) {
      if (source instanceof Blob) {
        form.append('file', source, source.name);
      } else {
        form.append('name', source.name);
        form.append('text', source.text);
      }
    }
    return form;
  }

  async function withToken(action) {
    try {
      await action();
    } catch (e) {
      if (e.needsToken) pendingRetry = action;
      setStatus(e.message, true);
      document.body.dataset.busy = '0';
    }
  }

  // ------------------------------------------------------------------ checking
  async function checkSources(sources) {
    if (!sources.length) return;
    document.body.dataset.busy = '1';
    setStatus('Đang kiểm tra ' + sources.length + ' tệp…');
    const response = await api('/api/check?include=text,document', formOf(sources));
    const json = await response.json();
    const first = batch.length;
    json.files.forEach((report, i) => {
      batch.push({ name: report.path, source: sources[i], report });
    });
    const s = json.summary;
    setStatus('Đã kiểm tra ' + json.files.length + ' tệp: ' + s.findings + ' phát hiện'
      + (s.errors ? ', ' + s.errors + ' tệp không kiểm tra được' : '') + '.');
    renderBatch();
    selectFile(first);
    document.body.dataset.busy = '0';
  }

  function counts(report) {
    const c = { error: 0, warning: 0, info: 0 };
    for (const f of report.findings) c[f.severity] = (c[f.severity] || 0) + 1;
    return c;
  }

  function worstFinding(report) {
    for (const sev of SEVERITIES) {
      const f = report.findings.find((x) => x.severity === sev);
      if (f) return f;
    }
    return null;
  }

  function renderBatch() {
    $('batch-section').hidden = batch.length === 0;
    document.body.classList.toggle('has-files', batch.length > 0);
    $('batch-count').textContent = String(batch.length);
    const rows = batch.map((entry, index) => {
      const report = entry.report;
      const c = counts(report);
      let worst;
      if (report.error) {
        worst = el('span', { class: 'sev failed' }, 'không kiểm tra được: ' + report.error);
      } else {
        const f = worstFinding(report);
        worst = f
          ? el('span', {}, el('span', { class: 'sev ' + f.severity }, f.rule), ' ' + f.message)
          : el('span', { class: 'sev clean' }, 'không có lỗi');
      }
      const row = el('tr', { 'data-index': index, class: index === current ? 'current' : '' },
        el('td', { class: 'name' }, entry.name),
        el('td', { class: 'num' }, c.error), el('td', { class: 'num' }, c.warning),
        el('td', { class: 'num' }, c.info), el('td', { class: 'worst' }, worst));
      row.addEventListener('click', () => selectFile(index));
      return row;
    });
    $('batch-rows').replaceChildren(...rows);
    document.body.dataset.files = String(batch.length);
  }

  // ------------------------------------------------------------------ one file
  function selectFile(index) {
    if (index < 0 || index >= batch.length) return;
    current = index;
    selected = -1;
    for (const row of $('batch-rows').children) {
      row.classList.toggle('current', Number(row.dataset.index) === index);
    }
    const report = batch[index].report;
    $('view').hidden = false;
    $('doc-title').textContent = report.path;
    renderText(report);
    renderFindings(report);
    renderRuleFilter(report);
    renderEncoding(report);
    renderHeader(report);
    applyFilters();
    document.body.dataset.current = String(index);
  }

  // Splits the text at every mark boundary; each piece covered by findings becomes one <mark>
  // listing them (data-f), so overlapping findings all stay visible and clickable. An empty span
  // is a point marker.
  function renderText(report) {
    const doc = $('doc');
    doc.replaceChildren();
    markEls = report.findings.map(() => []);
    if (report.error) {
      doc.append(el('p', { class: 'file-error' }, 'Không kiểm tra được tệp này: ' + report.error));
      return;
    }
    const text = report.text || '';
    const marks = report.marks || [];
    const starts = new Map();
    const ends = new Map();
    const points = new Map();
    const bounds = new Set([0, text.length]);
    const push = (map, key, value) => {
      if (!map.has(key)) map.set(key, []);
      map.get(key).push(value);
    };
    marks.forEach(([s, e], i) => {
      const start = Math.min(s, text.length);
      const end = Math.min(Math.max(e, start), text.length);
      if (start === end) push(points, start, i);
      else { push(starts, start, i); push(ends, end, i); bounds.add(start); bounds.add(end); }
      bounds.add(start);
    });
    const cuts = [...bounds].sort((a, b) => a - b);
    const active = new Set();
    const fragment = document.createDocumentFragment();
    const addMark = (ids, content, point) => {
      const mark = el('mark', { 'data-f': ids.join(' '), class: point ? 'point' : '' }, content);
      for (const i of ids) markEls[i].push(mark);
      mark.addEventListener('click', (event) => {
        event.stopPropagation();
        const shown = ids.filter((i) => visible.includes(i));
        if (shown.length) selectFinding(shown[0], { scrollList: true });
      });
      fragment.append(mark);
    };
    for (let k = 0; k < cuts.length; k++) {
      const at = cuts[k];
      for (const i of ends.get(at) || []) active.delete(i);
      for (const i of starts.get(at) || []) active.add(i);
      const here = points.get(at);
      if (here) addMark(here, '', true);
      const next = cuts[k + 1];
      if (next === undefined || next === at) continue;
      const piece = text.slice(at, next);
      if (active.size === 0) fragment.append(document.createTextNode(piece));
      else addMark([...active].sort((a, b) => a - b), piece, false);
    }
    doc.append(fragment);
  }

  function locationOf(f) {
    const where = 'dòng ' + f.line + ', cột ' + f.column;
    return f.location ? where + ' (' + f.location + ')' : where;
  }

  function renderFindings(report) {
    const box = $('findings');
    box.replaceChildren();
    itemEls = [];
    if (!report.findings.length) {
      box.append(el('p', { class: 'muted' }, report.error ? 'Tệp không kiểm tra được.' : 'Không có phát hiện nào.'));
      return;
    }
    for (const sev of SEVERITIES) {
      const ofSeverity = report.findings.map((f, i) => [f, i]).filter(([f]) => f.severity === sev);
      if (!ofSeverity.length) continue;
      const group = el('section', { class: 'group', 'data-severity': sev },
        el('h3', {}, el('span', { class: 'sev ' + sev }, SEVERITY_LABEL[sev]), ' (' + ofSeverity.length + ')'));
      const rules = [...new Set(ofSeverity.map(([f]) => f.rule))].sort();
      for (const rule of rules) {
        const items = ofSeverity.filter(([f]) => f.rule === rule);
        const list = el('ol', {});
        for (const [f, i] of items) {
          const item = el('li', { class: 'finding', 'data-finding': i, 'data-rule': f.rule, 'data-severity': f.severity,
            'data-line': f.line, 'data-column': f.column, tabIndex: 0 },
            el('div', { class: 'msg' }, f.message),
            el('div', { class: 'where muted' }, locationOf(f), ' · ', el('q', {}, f.excerpt)),
            f.fix !== undefined && f.fix !== null ? el('div', { class: 'fix' }, 'Sửa thành: ', el('code', {}, f.fix)) : null,
            f.help ? el('div', { class: 'help' }, 'Gợi ý: ' + f.help) : null);
          item.addEventListener('click', () => selectFinding(i, { scrollDoc: true }));
          item.addEventListener('keydown', (event) => {
            if (event.key === 'Enter') selectFinding(i, { scrollDoc: true });
          });
          itemEls[i] = item;
          list.append(item);
        }
        const docButton = el('button', { type: 'button', class: 'link' }, 'tài liệu quy tắc');
        docButton.addEventListener('click', () => withToken(() => showRuleDoc(rule, true)));
        group.append(el('div', { class: 'rule-group', 'data-rule': rule },
          el('h4', {}, el('code', {}, rule), ' (' + items.length + ') ', docButton), list));
      }
      box.append(group);
    }
  }

  function renderRuleFilter(report) {
    const select = $('f-rule');
    const rules = [...new Set(report.findings.map((f) => f.rule))].sort();
    const keep = rules.includes(select.value) ? select.value : '';
    select.replaceChildren(el('option', { value: '' }, 'mọi quy tắc'),
      ...rules.map((r) => el('option', { value: r }, r)));
    select.value = keep;
  }

  function applyFilters() {
    if (current < 0) return;
    const report = batch[current].report;
    const rule = $('f-rule').value;
    const wanted = (f) => $('f-' + f.severity).checked && (!rule || f.rule === rule);
    const order = report.findings.map((f, i) => i)
      .filter((i) => wanted(report.findings[i]))
      .sort((a, b) => (report.marks ? report.marks[a][0] - report.marks[b][0] : 0) || a - b);
    visible = order;
    const shown = new Set(order);
    for (const mark of $('doc').querySelectorAll('mark')) {
      const ids = mark.dataset.f.split(' ').map(Number).filter((i) => shown.has(i));
      const worst = SEVERITIES.find((sev) => ids.some((i) => report.findings[i].severity === sev));
      mark.classList.remove('m-error', 'm-warning', 'm-info', 'off');
      mark.classList.add(worst ? 'm-' + worst : 'off');
    }
    itemEls.forEach((item, i) => { if (item) item.hidden = !shown.has(i); });
    for (const group of $('findings').querySelectorAll('.rule-group')) {
      group.hidden = ![...group.querySelectorAll('li')].some((li) => !li.hidden);
    }
    for (const group of $('findings').querySelectorAll('.group')) {
      group.hidden = ![...group.querySelectorAll('.rule-group')].some((g) => !g.hidden);
    }
    $('shown-count').textContent = order.length + '/' + report.findings.length + ' phát hiện';
    if (selected >= 0 && !shown.has(selected)) selectFinding(-1, {});
  }

  function selectFinding(i, how) {
    for (const node of document.querySelectorAll('.current-finding')) node.classList.remove('current-finding');
    selected = i;
    document.body.dataset.selected = String(i);
    if (i < 0) return;
    const marks = markEls[i] || [];
    for (const mark of marks) mark.classList.add('current-finding');
    const item = itemEls[i];
    if (item) item.classList.add('current-finding');
    if (how.scrollDoc && marks.length) marks[0].scrollIntoView({ block: 'center', inline: 'nearest' });
    if (how.scrollList && item) item.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    const f = batch[current].report.findings[i];
    withToken(() => showRuleDoc(f.rule, false));
  }

  function step(delta) {
    if (!visible.length) return;
    const at = visible.indexOf(selected);
    const next = at < 0 ? (delta > 0 ? 0 : visible.length - 1)
      : (at + delta + visible.length) % visible.length;
    selectFinding(visible[next], { scrollDoc: true, scrollList: true });
  }

  async function showRuleDoc(rule, open) {
    $('rule-doc-id').textContent = rule;
    if (!ruleDocs.has(rule)) {
      const response = await api('/api/rules/' + encodeURIComponent(rule));
      const json = await response.json();
      ruleDocs.set(rule, json);
    }
    const info = ruleDocs.get(rule);
    if ($('rule-doc-id').textContent !== rule) return; // another rule was chosen meanwhile
    $('rule-doc').textContent = info.id + ' (mức: ' + SEVERITY_LABEL[info.severity].toLowerCase()
      + ', ' + info.severity + ')\n\n' + info.doc;
    if (open) $('rule-doc-box').open = true;
  }

  function renderEncoding(report) {
    const box = $('encoding');
    box.replaceChildren();
    const e = report.encoding;
    if (!e) {
      box.append(el('p', { class: 'muted' }, 'Không có (tệp không đọc được).'));
      return;
    }
    box.append(el('p', {}, 'Mã hóa nhận ra: ', el('b', { id: 'encoding-name' }, e.name),
      ' (độ tin cậy ' + Number(e.confidence).toFixed(2) + ')' + (e.bom ? ', có BOM' : '')));
    const notes = [];
    if (e.normalized_lines) notes.push(e.normalized_lines + ' dòng chuẩn hóa NFC');
    if (e.replaced) notes.push(e.replaced + ' chuỗi byte lỗi thay bằng U+FFFD');
    if (e.damage) notes.push('hư hỏng: ' + e.damage);
    if (notes.length) box.append(el('p', {}, notes.join('; ')));
    if (!e.repairs || !e.repairs.length) {
      box.append(el('p', { class: 'muted' }, 'Không có đoạn nào cần sửa.'));
      return;
    }
    box.append(el('p', {}, 'Đã sửa ' + e.repairs.length + ' đoạn:'));
    const list = el('ol', { class: 'repairs' });
    for (const r of e.repairs.slice(0, 500)) {
      list.append(el('li', {}, 'dòng ' + r.line + ', cột ' + r.column + '–' + r.end_column + ': ',
        el('code', {}, r.original), ' → ', el('code', {}, r.repaired), ' (' + r.encoding + ')'));
    }
    box.append(list);
  }

  function renderHeader(report) {
    const d = report.document;
    const dl = $('header-info');
    dl.replaceChildren();
    const cites = $('citations');
    cites.replaceChildren();
    $('citation-count').textContent = d ? String(d.citations.length) : '0';
    if (!d) {
      dl.append(el('dd', { class: 'muted' }, 'Không có.'));
      return;
    }
    const fields = [['Loại văn bản', d.type], ['Số', d.number], ['Ký hiệu', d.symbol],
      ['Cơ quan ban hành', d.issuer], ['Cơ quan chủ quản', d.parent_issuer], ['Địa danh', d.place],
      ['Ngày ban hành', d.issue_date], ['Trích yếu', d.title], ['Năm kế hoạch', d.plan_year],
      ['Năm học', d.school_year], ['Người ký', d.signer], ['Chức vụ', d.signer_title],
      ['Thẩm quyền ký', d.signing_authority]];
    for (const [label, value] of fields) {
      dl.append(el('dt', {}, label),
        el('dd', { class: value === null || value === undefined ? 'muted' : '' },
          value === null || value === undefined ? '—' : String(value)));
    }
    for (const c of d.citations) {
      const parts = [c.type, c.symbol || c.name, c.date ? 'ngày ' + c.date : null,
        c.issuer ? 'của ' + c.issuer : null].filter(Boolean).join(' ');
      cites.append(el('li', {}, parts, c.subject ? ' — ' + c.subject : '',
        el('span', { class: 'muted' }, ' (dòng ' + c.line + ')')));
    }
  }

  // ------------------------------------------------------------------ downloads
  function save(blob, name) {
    const url = URL.createObjectURL(blob);
    const a = el('a', { href: url, download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  async function downloadReport(format, name) {
    if (!batch.length) return;
    setStatus('Đang tạo ' + name + '…');
    const response = await api('/api/check?format=' + format, formOf(batch.map((b) => b.source)));
    save(await response.blob(), name);
    setStatus('Đã tạo ' + name + '.');
  }

  async function downloadText() {
    if (current < 0) return;
    const entry = batch[current];
    const response = await api('/api/normalize?format=text', formOf([entry.source]));
    const base = entry.name.replace(/\.[^.]*$/, '');
    save(await response.blob(), base + '.sua.txt');
  }

  // ------------------------------------------------------------------ wiring
  function init() {
    const input = $('file-input');
    input.addEventListener('change', () => {
      const files = [...input.files];
      input.value = '';
      withToken(() => checkSources(files));
    });
    const drop = $('drop');
    drop.addEventListener('dragover', (event) => { event.preventDefault(); drop.classList.add('over'); });
    drop.addEventListener('dragleave', () => drop.classList.remove('over'));
    drop.addEventListener('drop', (event) => {
      event.preventDefault();
      drop.classList.remove('over');
      const files = [...(event.dataTransfer ? event.dataTransfer.files : [])];
      withToken(() => checkSources(files));
    });
    $('paste-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const text = $('paste-text').value;
      if (!text.trim()) { setStatus('Chưa có văn bản để kiểm tra.', true); return; }
      const name = $('paste-name').value.trim() || 'văn-bản-dán.txt';
      withToken(() => checkSources([{ name, text }]));
    });
    $('token-form').addEventListener('submit', (event) => {
      event.preventDefault();
      sessionStorage.setItem(TOKEN_KEY, $('token-input').value);
      $('token-input').value = '';
      $('token-form').hidden = true;
      const retry = pendingRetry;
      pendingRetry = null;
      if (retry) withToken(retry);
      else setStatus('Đã lưu mã truy cập cho phiên này.');
    });
    for (const id of ['f-error', 'f-warning', 'f-info', 'f-rule']) $(id).addEventListener('change', applyFilters);
    $('dl-json').addEventListener('click', () => withToken(() => downloadReport('json', 'vblint.json')));
    $('dl-csv').addEventListener('click', () => withToken(() => downloadReport('csv', 'vblint.csv')));
    $('dl-html').addEventListener('click', () => withToken(() => downloadReport('html', 'vblint.html')));
    $('dl-text').addEventListener('click', () => withToken(downloadText));
    document.addEventListener('keydown', (event) => {
      const tag = event.target && event.target.tagName;
      if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === 'j' || event.key === 'n') { event.preventDefault(); step(1); }
      else if (event.key === 'k' || event.key === 'p') { event.preventDefault(); step(-1); }
    });
    document.body.dataset.busy = '0';
    document.body.dataset.files = '0';
    document.body.dataset.ready = '1';
  }

  init();
}());
