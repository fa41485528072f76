// The audit log (DPA-3): every change, who made it and when, with what changed; filtered, a page at
// a time, and a period exportable whole. Staff see every customer's entries, a customer's users
// only their own customer's: the server decides (DPA-4), this only shows what it answers.
import { el, fillRows, failRows, num, problemText, request, when } from './core.js';
import { t } from './i18n.js';

const PAGE_SIZE = 50;

/** The top-level fields whose values differ between before and after, with both values. */
export function changes(before, after) {
  const b = before || {};
  const a = after || {};
  return [...new Set([...Object.keys(b), ...Object.keys(a)])]
    .filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]))
    .map((field) => ({ field, before: b[field], after: a[field] }));
}

const shown = (v) => {
  const s = v === undefined || v === null ? '–' : typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 200 ? `${s.slice(0, 200)}…` : s;
};

/** What an entry changed: created, deleted, or the fields with their old and new values. */
function changeCell(e) {
  if (!e.before && !e.after) return '–';
  const list = changes(e.before, e.after);
  const summary = !e.before ? t('common.audit.created') : !e.after ? t('common.audit.deleted')
    : list.length ? t('common.audit.changed', { n: num(list.length), fields: list.slice(0, 3).map((c) => c.field).join(', ') + (list.length > 3 ? ', …' : '') })
      : t('common.audit.unchanged');
  if (!list.length) return summary;
  return el('details', {}, el('summary', {}, summary),
    el('dl', { class: 'changes' }, list.flatMap((c) => [el('dt', { class: 'mono' }, c.field),
      // A new entity's values alone, a deleted one's struck out, a change's old and new.
      el('dd', {}, !e.before ? shown(c.after) : !e.after ? el('del', {}, shown(c.before))
        : [el('del', {}, shown(c.before)), ' → ', el('ins', {}, shown(c.after))])])));
}

/** A date field's day as the instant its day starts, in this browser's time zone. */
const startOf = (date, days = 0) => {
  if (!date) return '';
  const d = new Date(`${date}T00:00:00`);
  d.setDate(d.getDate() + days);
  return d.toISOString();
};

/**
 * Builds the log's filter, table and pager into {@code root} (a section with its heading) and
 * loads the newest page. Staff also filter by customer and see each entry's customer.
 */
export function startAudit(root, { staff }) {
  const id = (x) => `${root.id}-${x}`;
  const field = (name, attrs = {}) => [el('label', { for: id(name) }, t(`common.audit.${name}`)), ' ',
    el('input', { id: id(name), name, ...attrs }), ' '];
  const form = el('form', { class: 'inline', role: 'search', 'aria-label': t('common.audit.filter') },
    field('entity', { size: 12 }), field('id', { size: 14 }), field('actor', { size: 12 }),
    staff ? field('customer', { size: 12 }) : '',
    field('from', { type: 'date' }), field('to', { type: 'date' }),
    el('button', { type: 'submit', id: id('show') }, t('common.audit.show')));
  const cols = staff ? 6 : 5;
  const headers = ['at', 'actor', 'action', 'entity', ...(staff ? ['customer'] : []), 'changes'];
  const table = el('table', { id: id('table') },
    el('caption', { class: 'visually-hidden' }, t('common.audit.caption')),
    el('thead', {}, el('tr', {}, headers.map((h) => el('th', { scope: 'col' }, t(`common.audit.col.${h}`))))),
    el('tbody', {}, el('tr', {}, el('td', { colspan: cols }, t('common.loading')))));
  const range = el('span', { role: 'status' });
  const newer = el('button', { type: 'button', id: id('newer'), disabled: true }, t('common.audit.newer'));
  const older = el('button', { type: 'button', id: id('older'), disabled: true }, t('common.audit.older'));
  const exportLink = el('a', { href: '/api/audit/export', download: 'vakt-audit.jsonl' }, t('common.audit.export'));
  root.append(form, table, el('p', { class: 'pager' }, newer, ' ', range, ' ', older), el('p', {}, exportLink));

  let page = 0;
  let seq = 0;
  const query = () => {
    const v = (name) => form.elements[name]?.value.trim() || '';
    const p = new URLSearchParams();
    for (const k of ['entity', 'id', 'actor', 'customer']) if (v(k)) p.set(k, v(k));
    if (v('from')) p.set('from', startOf(v('from')));
    if (v('to')) p.set('to', startOf(v('to'), 1)); // the day given is included
    return p;
  };
  const load = async () => {
    const mine = ++seq;
    const p = query();
    const period = new URLSearchParams([...p].filter(([k]) => k === 'from' || k === 'to'));
    exportLink.href = `/api/audit/export${period.size ? `?${period}` : ''}`;
    p.set('page', page);
    p.set('size', PAGE_SIZE);
    table.setAttribute('aria-busy', 'true');
    try {
      const r = await request(`/api/audit?${p}`);
      if (!r.ok) throw new Error(await problemText(r));
      const entries = await r.json();
      if (mine !== seq) return;
      const total = Number(r.headers.get('X-Total-Count') || entries.length);
      fillRows(table.tBodies[0], entries.map((e) => el('tr', {},
        el('td', {}, when(e.at)), el('td', {}, e.actor), el('td', {}, e.action),
        el('td', {}, e.entity, ' ', el('span', { class: 'mono' }, e.entityId)),
        staff ? el('td', { class: 'mono' }, e.customerId || '–') : '',
        el('td', {}, changeCell(e)))), cols, t('common.audit.none'));
      range.textContent = total ? t('common.audit.range', { from: num(page * PAGE_SIZE + 1),
        to: num(page * PAGE_SIZE + entries.length), total: num(total) }) : '';
      newer.disabled = page === 0;
      older.disabled = (page + 1) * PAGE_SIZE >= total;
    } catch (e) {
      if (mine === seq) failRows(table.tBodies[0], cols, e);
    } finally {
      if (mine === seq) table.setAttribute('aria-busy', 'false');
    }
  };
  form.addEventListener('submit', (ev) => { ev.preventDefault(); page = 0; load(); });
  newer.addEventListener('click', () => { page = Math.max(0, page - 1); load(); });
  older.addEventListener('click', () => { page += 1; load(); });
  return load();
}
