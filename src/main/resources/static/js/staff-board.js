// The live status board (issue 7): every service with its state, problems first, filtered by
// customer, state, type and text on the server, a page at a time. The filter and page live in the
// address bar (a link to share) and survive the refresh every 15 s, as does the keyboard focus.
import { $, el, num, request, problemText, when } from './core.js';
import { t } from './i18n.js';
import { BOARD_STATES, SERVICE_TYPES, stateBadge } from './staff-common.js';

const PAGE_SIZE = 100;
const FIELDS = ['customer', 'state', 'type', 'q', 'page'];
let onCustomer = () => {};
let timer = null;
let seq = 0;

/** The filter as the address bar has it. */
function filter() {
  const p = new URLSearchParams(location.search);
  return Object.fromEntries(FIELDS.map((f) => [f, p.get(f) || '']));
}

/** Puts the filter in the address: a new history entry, so Back returns to the one before. */
function setFilter(f) {
  const p = new URLSearchParams();
  for (const k of FIELDS) if (f[k] && !(k === 'page' && f[k] === '0')) p.set(k, f[k]);
  const qs = p.toString();
  const url = `${location.pathname}${qs ? '?' + qs : ''}${location.hash}`;
  if (url !== `${location.pathname}${location.search}${location.hash}`) history.pushState(null, '', url);
}

function query(f, extra = {}) {
  const p = new URLSearchParams();
  for (const k of ['customer', 'state', 'type', 'q']) if (f[k]) p.set(k, f[k]);
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  return p.toString();
}

function fillForm(f) {
  $('#board-customer').value = f.customer;
  const states = $('#board-state');
  // A link may name a combination of states the list does not offer: it gets an entry of its own.
  if (f.state && ![...states.options].some((o) => o.value === f.state)) {
    states.append(el('option', { value: f.state }, f.state.split(',').map((s) => t(`staff.state.${s.trim()}`)).join(', ')));
  }
  states.value = f.state;
  $('#board-type').value = f.type;
  $('#board-q').value = f.q;
}

/** "critical=3, warning=0, ..." as the summary's total and counts. */
function counts(header) {
  const c = Object.fromEntries((header || '').split(',').map((p) => p.trim().split('='))
    .filter(([k, v]) => k && v).map(([k, v]) => [k, Number(v)]));
  return { total: Object.values(c).reduce((a, b) => a + b, 0), counts: c };
}

function summaryText(s) {
  const parts = BOARD_STATES.filter((k) => s.counts[k] || k === 'critical' || k === 'ok')
    .map((k) => t(`staff.board.count.${k}`, { n: num(s.counts[k]) }));
  return t('staff.board.summary', { total: num(s.total), counts: parts.join(', ') });
}

function row(s) {
  const last = [s.lastReason, s.lastLatencyMs != null ? `${num(s.lastLatencyMs)} ms` : null,
    s.lastCheckAt ? when(s.lastCheckAt) : null].filter(Boolean).join(' · ');
  return el('tr', { class: `state-${s.board}` },
    el('td', { class: 'mono' }, s.serviceId),
    el('td', {}, el('button', { type: 'button', class: 'link', 'data-focus-key': `c:${s.serviceId}`,
      onclick: () => onCustomer(s.customerId) }, s.customerName || s.customerId)),
    el('td', {}, s.type || '–'),
    el('td', { class: 'mono' }, s.server || '–'),
    el('td', {}, stateBadge(s.board, s.coverage), s.flapping ? ` ${t('staff.board.flapping')}` : ''),
    el('td', {}, s.board === 'unchecked' ? '–' : when(s.since)),
    el('td', { class: 'src' }, s.board === 'unchecked' ? s.coverage : last || '–'));
}

/** The board's request for a filter: one page, with the counts of the whole filter. */
const boardUrl = (f) => `/api/monitoring/services?${query(f, { page: Number(f.page) || 0, size: PAGE_SIZE })}`;

/** Loads the board for the filter in the address bar; keeps focus where it was. */
export async function loadBoard() {
  const mine = ++seq;
  const f = filter();
  const page = Number(f.page) || 0;
  const table = $('#board');
  table.setAttribute('aria-busy', 'true');
  // One request: the counts per state of the whole filter come in X-State-Counts.
  const url = boardUrl(f);
  const r = await request(url);
  if (mine !== seq) return; // a newer filter was asked for meanwhile
  const focused = document.activeElement?.dataset?.focusKey;
  if (!r.ok) {
    $('#board tbody').replaceChildren(el('tr', {}, el('td', { colspan: 7, class: 'down' }, await problemText(r))));
    table.setAttribute('aria-busy', 'false');
    return;
  }
  const rows = await r.json();
  const total = Number(r.headers.get('X-Total-Count') || rows.length);
  $('#board-summary').textContent = summaryText(counts(r.headers.get('X-State-Counts')));
  $('#board tbody').replaceChildren(...(rows.length ? rows.map(row)
    : [el('tr', {}, el('td', { colspan: 7 }, t('staff.board.none')))]));
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  $('#board-page').textContent = t('staff.board.page', { page: num(page + 1), pages: num(pages), total: num(total) });
  $('#board-prev').disabled = page <= 0;
  $('#board-next').disabled = page + 1 >= pages;
  $('#board-updated').textContent = t('staff.board.updated', { at: new Date().toLocaleTimeString() });
  if (focused) document.querySelector(`[data-focus-key="${CSS.escape(focused)}"]`)?.focus();
  table.setAttribute('aria-busy', 'false');
  performance.mark('board-rendered');
}

function applyForm(resetPage = true) {
  const f = {
    customer: $('#board-customer').value.trim(), state: $('#board-state').value,
    type: $('#board-type').value, q: $('#board-q').value.trim(), page: resetPage ? '0' : filter().page,
  };
  setFilter(f);
  loadBoard();
}

function turn(delta) {
  const f = filter();
  f.page = String(Math.max(0, (Number(f.page) || 0) + delta));
  setFilter(f);
  loadBoard();
}

/**
 * Sets up the board; {@code showCustomer(id)} opens a customer's details, {@code customers()} is
 * the promise of the customer list once the console loads it (for the customer field's choices).
 * Resolves when the board first shows.
 */
export function startBoard(showCustomer, customers) {
  onCustomer = showCustomer;
  $('#board-state').replaceChildren(el('option', { value: '' }, t('staff.board.anyState')),
    el('option', { value: 'critical,warning,unknown' }, t('staff.board.problems')),
    ...BOARD_STATES.map((s) => el('option', { value: s }, t(`staff.state.${s}`))));
  $('#board-type').replaceChildren(el('option', { value: '' }, t('staff.board.anyType')),
    ...SERVICE_TYPES.map((s) => el('option', { value: s }, s)));
  fillForm(filter());
  let typing = null;
  $('#board-q').addEventListener('input', () => { clearTimeout(typing); typing = setTimeout(applyForm, 300); });
  $('#board-customer').addEventListener('change', () => applyForm());
  $('#board-state').addEventListener('change', () => applyForm());
  $('#board-type').addEventListener('change', () => applyForm());
  $('#board-filter').addEventListener('submit', (e) => { e.preventDefault(); applyForm(); });
  $('#board-prev').addEventListener('click', () => turn(-1));
  $('#board-next').addEventListener('click', () => turn(1));
  window.addEventListener('popstate', () => { fillForm(filter()); loadBoard(); });
  clearInterval(timer);
  timer = setInterval(loadBoard, 15000);
  $('#board-customer').addEventListener('focus', () => customers()?.then((list) => {
    if (!$('#board-customers').children.length) {
      $('#board-customers').replaceChildren(...list.map((c) => el('option', { value: c.id }, c.name)));
    }
  }).catch(() => {}));
  return loadBoard();
}
