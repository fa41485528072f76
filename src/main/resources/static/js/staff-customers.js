// Customers (filter), and one customer's details: contacts, servers with their services and
// states, the terms in force on a day, planned maintenance; the stored terms documents.
import { $, api, el, fillRows, failRows, gradually, when } from './core.js';
import { t } from './i18n.js';
import { apiAll, stateBadge } from './staff-common.js';
import { showSla } from './staff-sla.js';

let customers = null;
let providers = {};

/** Loads customers and their providers; resolves with the customers as soon as they are there. */
export function loadCustomers() {
  // The providers are one object, provider to its customers' ids: never paged.
  api('/api/providers').then((map) => {
    for (const [provider, ids] of Object.entries(map)) for (const id of ids) providers[id] = provider;
    if (customers) renderCustomers();
  }).catch(() => {});
  return apiAll('/api/customers').then((list) => {
    customers = list;
    renderCustomers();
    return list;
  });
}

/** Loads the stored terms documents. */
export function loadDocuments() {
  apiAll('/api/documents').then(renderDocuments).catch((e) => failRows($('#documents tbody'), 6, e));
}

/** A customer's servers, services and their states: three requests at once. */
const customerData = (enc) => Promise.all([
  apiAll(`/api/servers?customer=${enc}`), apiAll(`/api/services?customer=${enc}`),
  apiAll(`/api/monitoring/services?customer=${enc}`).catch(() => [])]);

export function renderCustomers() {
  const q = $('#filter').value.trim().toLowerCase();
  const rows = (customers || [])
    .filter((c) => !q || [c.id, c.name, providers[c.id] || ''].some((s) => s.toLowerCase().includes(q)))
    .map((c) => {
      const erl = c.contacts.filter((p) => p.emergency);
      return el('tr', {},
        el('td', {}, el('button', { type: 'button', class: 'link', onclick: () => showCustomer(c.id) }, c.name), ' ', el('span', { class: 'mono src' }, c.id)),
        el('td', {}, providers[c.id] || '–'),
        el('td', {}, c.country || '–'),
        el('td', {}, String(c.contacts.length)),
        el('td', {}, erl.length ? erl.map((p) => el('span', { class: 'badge erl' }, p.name)) : t('staff.customers.noEmergency')));
    });
  fillRows($('#customers tbody'), rows, 5, t('staff.customers.none'));
}

function renderDocuments(docs) {
  fillRows($('#documents tbody'), docs.map((d) => el('tr', {},
    el('td', {}, d.kind), el('td', { class: 'mono' }, d.id), el('td', {}, `v${d.version}`), el('td', {}, d.effectiveFrom),
    el('td', {}, t('staff.docs.importedBy', { at: when(d.importedAt), by: d.importedBy })),
    el('td', { class: 'mono', title: d.sha256 }, d.sha256.slice(0, 12) + '…'))), 6, t('staff.docs.none'));
}

/** Opens a customer's details; the address bar's #customer= makes it a link. */
export async function showCustomer(id) {
  performance.mark('customer-open');
  // From the list when it is there; a link's customer is asked for alone (index.html has usually
  // asked already), so its details need not wait for every customer.
  const c = (customers || []).find((x) => x.id === id)
    ?? await api(`/api/customers/${encodeURIComponent(id)}`).catch(() => null);
  if (!c) return;
  history.replaceState(null, '', `${location.pathname}${location.search}#customer=${encodeURIComponent(c.id)}`);
  $('#detail').hidden = false;
  $('#detail-h').textContent = `${c.name} (${c.id})`;
  $('#contacts').replaceChildren(...c.contacts.map((p) => el('li', {},
    `${p.name} <${p.email}>`, p.phone ? ` ${p.phone}` : '', ' ',
    p.emergency ? el('span', { class: 'badge erl' }, t('staff.detail.emergency')) : '',
    el('span', { class: `badge ${p.verified ? 'ok' : ''}` }, t(p.verified ? 'staff.detail.verified' : 'staff.detail.unverified')),
    el('span', { class: 'badge' }, p.language || c.language || ''))));
  const enc = encodeURIComponent(c.id);
  $('#terms-form').onsubmit = (e) => { e.preventDefault(); showTerms(c.id); };
  $('#sla-form').onsubmit = (e) => { e.preventDefault(); showSla(c.id); };
  const today = new Date();
  $('#sla-to').value = new Date(today.getTime() + 86400000).toISOString().slice(0, 10);
  $('#sla-from').value = new Date(today.getTime() - 29 * 86400000).toISOString().slice(0, 10);
  $('#terms-date').value = today.toISOString().slice(0, 10);
  $('#sla').replaceChildren(t('common.loading'));
  const [servers, services, statuses] = await customerData(enc);
  performance.mark('customer-data');
  const status = Object.fromEntries(statuses.map((s) => [s.serviceId, s]));
  const badge = (id) => {
    const s = status[id];
    if (!s) return '';
    const title = [s.coverage, s.lastReason, s.lastLatencyMs != null && `${s.lastLatencyMs} ms`, s.lastCheckAt && when(s.lastCheckAt)]
      .filter(Boolean).join(' · ');
    return [stateBadge(s.board, title), s.flapping ? ` ${t('staff.board.flapping')} ` : ''];
  };
  const byServer = {};
  for (const v of services) (byServer[v.server] ||= []).push(v);
  const lists = {};
  $('#servers').replaceChildren(...servers.map((s) => el('div', {},
    el('h4', {}, `${s.id} `, el('span', { class: 'badge' }, s.kind), el('span', { class: 'badge' }, t('staff.detail.ownedBy', { by: s.ownership })),
      s.cluster ? el('span', { class: 'badge' }, t('staff.detail.cluster', { cluster: s.cluster })) : ''),
    el('p', { class: 'src' }, s.address + ' · ' + (s.access?.ssh
      ? t('staff.detail.ssh', { user: s.access.ssh.user, sudo: s.access.ssh.sudo ? ' (sudo)' : '', key: s.access.ssh.key })
      : t('staff.detail.noAccess'))),
    (lists[s.id] = el('ul')))));
  // A customer may have a thousand services: the first screen shows at once, the rest after.
  const items = servers.flatMap((s) => (byServer[s.id] || []).map((v) => [s, v]));
  gradually($('#servers'), items, ([s, v]) => [lists[s.id], el('li', {},
    badge(v.id), el('span', { class: 'badge' }, v.type), `${v.id} ${v.software ? '(' + v.software + ')' : ''} `,
    el('span', { class: 'src' }, `${v.url || (v.host || s.address) + (v.port ? ':' + v.port : '')} · ${t('staff.detail.installedBy', { by: v.installedBy })}`))],
  (pairs) => { for (const [list, item] of pairs) list.append(item); });
  performance.mark('customer-rendered');
  $('#servers').dataset.loaded = c.id;
  // The SLA report is the heavy part (a customer's every service over the period): it comes
  // after what staff look at first.
  showTerms(c.id);
  showMaintenance(c.id);
  showSla(c.id);
}

async function showMaintenance(customer) {
  try {
    const list = await apiAll(`/api/maintenance?customer=${encodeURIComponent(customer)}`);
    fillRows($('#maintenance tbody'), list.map((m) => el('tr', {},
      el('td', {}, m.title, ' ', el('span', { class: 'mono src' }, m.id)), el('td', {}, when(m.from)), el('td', {}, when(m.to)),
      el('td', {}, Object.values(m.services || {}).flat().join(', ')), el('td', {}, m.state), el('td', {}, m.assignee || '–'))),
    6, t('staff.maintenance.none'));
  } catch (e) { failRows($('#maintenance tbody'), 6, e); }
}

function fmtRules(rules) {
  return (rules || []).map((r) => `${r.days.join(',')} ${r.from}–${r.to}${r.endsNextDay ? ' (+1)' : ''}`).join('; ');
}

async function showTerms(customer) {
  const day = $('#terms-date').value;
  let list;
  try { list = await apiAll(`/api/customers/${encodeURIComponent(customer)}/terms?date=${day}`); } catch (e) {
    $('#terms').replaceChildren(el('p', { class: 'down' }, t('common.loadFailed', { reason: e.message }))); return;
  }
  if (!list.length) { $('#terms').replaceChildren(el('p', {}, t('staff.terms.none', { day }))); return; }
  $('#terms').replaceChildren(...list.map((r) => {
    const x = r.terms; const s = r.sources;
    const row = (key, value, pointer) => value == null || value === '' ? [] :
      [el('dt', {}, t(key)), el('dd', {}, String(value), ' ', el('span', { class: 'src' }, s[pointer] ? `— ${s[pointer]}` : ''))];
    const up = x.sla?.uptime; const av = x.sla?.availability;
    return el('div', {},
      el('h4', {}, t('staff.terms.contract', { contract: r.contract })),
      el('p', { class: 'src' }, t('staff.terms.layers') + ' ' + r.layers.map((l) => `${l.kind} ${l.id} v${l.version} (${l.effectiveFrom})`).join(' → ')),
      el('dl', {},
        row('staff.terms.timeZone', x.timeZone, '/timeZone'), row('staff.terms.currency', x.currency, '/currency'),
        row('staff.terms.openingHours', fmtRules(x.openingHours), '/openingHours'),
        row('staff.terms.uptime', up?.target != null ? `${up.target} % (${up.measurement?.length ?? ''} ${up.measurement?.period ?? ''})` : null, '/sla/uptime/target'),
        row('staff.terms.availability', av?.target != null ? `${av.target} % (${av.measurement?.length ?? ''} ${av.measurement?.period ?? ''})` : null, '/sla/availability/target'),
        row('staff.terms.excluded', (x.sla?.excluded || []).join(', '), '/sla/excluded'),
        row('staff.terms.maxRestore', x.sla?.maxRestoreTime, '/sla/maxRestoreTime'),
        row('staff.terms.windows', (x.maintenance?.windows || []).map((w) => `${w.name}: ${fmtRules(w.schedule)}`).join(' | '), '/maintenance/windows'),
        row('staff.terms.supportHours', fmtRules(x.support?.hours), '/support/hours'),
        row('staff.terms.rates', (x.support?.rates || []).map((v) => `${v.name}: ${v.price} / ${v.per}`).join('; '), '/support/rates')),
      el('details', {}, el('summary', {}, t('staff.terms.json')), el('pre', { class: 'mono' }, JSON.stringify(x, null, 2))));
  }));
}
