// The staff console (issue 7): open alerts, customers with their servers, services, terms and
// SLA reports, and the stored terms documents. Staff only; the server enforces that (ADR 0013).
import { $, api, el, fmtDur, request, problemText, when } from './core.js';
import { t } from './i18n.js';

let customers = [];
let providers = {};

async function loadCustomers() {
  customers = await api('/api/customers');
  const docs = await api('/api/documents');
  renderDocuments(docs);
  for (const [provider, ids] of Object.entries(await api('/api/providers'))) {
    for (const id of ids) providers[id] = provider;
  }
  renderCustomers();
}

function renderCustomers() {
  const q = $('#filter').value.trim().toLowerCase();
  const rows = customers
    .filter((c) => !q || [c.id, c.name, providers[c.id] || ''].some((s) => s.toLowerCase().includes(q)))
    .map((c) => {
      const erl = c.contacts.filter((p) => p.emergency);
      return el('tr', {},
        el('td', {}, el('button', { class: 'link', onclick: () => showCustomer(c) }, c.name), ' ', el('span', { class: 'mono src' }, c.id)),
        el('td', {}, providers[c.id] || '–'),
        el('td', {}, c.country || '–'),
        el('td', {}, String(c.contacts.length)),
        el('td', {}, erl.length ? erl.map((p) => el('span', { class: 'badge erl' }, p.name)) : 'none'));
    });
  $('#customers tbody').replaceChildren(...rows);
}

function renderDocuments(docs) {
  $('#documents tbody').replaceChildren(...docs.map((d) => el('tr', {},
    el('td', {}, d.kind), el('td', { class: 'mono' }, d.id), el('td', {}, `v${d.version}`), el('td', {}, d.effectiveFrom),
    el('td', {}, `${when(d.importedAt)} by ${d.importedBy}`),
    el('td', { class: 'mono', title: d.sha256 }, d.sha256.slice(0, 12) + '…'))));
}

async function showCustomer(c) {
  history.replaceState(null, '', `#customer=${encodeURIComponent(c.id)}`); // a link to this view
  $('#detail').hidden = false;
  $('#detail-h').textContent = `${c.name} (${c.id})`;
  $('#contacts').replaceChildren(...c.contacts.map((p) => el('li', {},
    `${p.name} <${p.email}>`, p.phone ? ` ${p.phone}` : '', ' ',
    p.emergency ? el('span', { class: 'badge erl' }, 'emergency list') : '',
    p.verified ? el('span', { class: 'badge ok' }, 'verified') : el('span', { class: 'badge' }, 'unverified'),
    el('span', { class: 'badge' }, p.language || c.language || ''))));
  const [servers, services, statuses] = await Promise.all([
    api(`/api/servers?customer=${encodeURIComponent(c.id)}`), api(`/api/services?customer=${encodeURIComponent(c.id)}`),
    api(`/api/monitoring/services?customer=${encodeURIComponent(c.id)}`).catch(() => [])]);
  const status = Object.fromEntries(statuses.map((s) => [s.serviceId, s]));
  const stateBadge = (id) => {
    const s = status[id];
    if (!s) return '';
    const label = s.coverage.startsWith('not checked') ? 'not checked' : s.state;
    const cls = { ok: 'ok', critical: 'erl', warning: 'erl' }[label] || '';
    const title = [s.coverage, s.lastReason && `last: ${s.lastReason}`, s.lastLatencyMs != null && `${s.lastLatencyMs} ms`,
      s.lastCheckAt && `at ${when(s.lastCheckAt)}`].filter(Boolean).join(' · ');
    return el('span', { class: `badge ${cls}`, title }, label + (s.flapping ? ' (flapping)' : ''));
  };
  $('#servers').replaceChildren(...servers.map((s) => el('div', {},
    el('h4', {}, `${s.id} `, el('span', { class: 'badge' }, s.kind), el('span', { class: 'badge' }, `owned by ${s.ownership}`),
      s.cluster ? el('span', { class: 'badge' }, `cluster ${s.cluster}`) : ''),
    el('p', { class: 'src' }, `${s.address}` + (s.access?.ssh ? ` · ssh ${s.access.ssh.user}${s.access.ssh.sudo ? ' (sudo)' : ''} key ${s.access.ssh.key}` : ' · no access path recorded')),
    el('ul', {}, services.filter((v) => v.server === s.id).map((v) => el('li', {},
      stateBadge(v.id), el('span', { class: 'badge' }, v.type), `${v.id} ${v.software ? '(' + v.software + ')' : ''} `,
      el('span', { class: 'src' }, `${v.url || (v.host || s.address) + (v.port ? ':' + v.port : '')} · installed by ${v.installedBy}`)))))));
  $('#terms-form').onsubmit = (e) => { e.preventDefault(); showTerms(c.id); };
  $('#sla-form').onsubmit = (e) => { e.preventDefault(); showSla(c.id); };
  const today = new Date();
  $('#sla-to').value = new Date(today.getTime() + 86400000).toISOString().slice(0, 10);
  $('#sla-from').value = new Date(today.getTime() - 29 * 86400000).toISOString().slice(0, 10);
  showSla(c.id);
  $('#terms-date').value = new Date().toISOString().slice(0, 10);
  showTerms(c.id);
}

function fmtRules(rules) {
  return (rules || []).map((r) => `${r.days.join(',')} ${r.from}–${r.to}${r.endsNextDay ? ' (+1 day)' : ''}`).join('; ');
}

async function showTerms(customer) {
  const day = $('#terms-date').value;
  const list = await api(`/api/customers/${encodeURIComponent(customer)}/terms?date=${day}`);
  if (!list.length) { $('#terms').replaceChildren(el('p', {}, `No contract runs on ${day}.`)); return; }
  $('#terms').replaceChildren(...list.map((r) => {
    const t = r.terms; const s = r.sources;
    const row = (label, value, pointer) => value == null || value === '' ? [] :
      [el('dt', {}, label), el('dd', {}, String(value), ' ', el('span', { class: 'src' }, s[pointer] ? `— ${s[pointer]}` : ''))];
    return el('div', {},
      el('h4', {}, `Contract ${r.contract}`),
      el('p', { class: 'src' }, 'Layers: ' + r.layers.map((l) => `${l.kind} ${l.id} v${l.version} (from ${l.effectiveFrom})`).join(' → ')),
      el('dl', {},
        row('Time zone', t.timeZone, '/timeZone'), row('Currency', t.currency, '/currency'),
        row('Opening hours', fmtRules(t.openingHours), '/openingHours'),
        row('Uptime target', t.sla?.uptime?.target != null ? `${t.sla.uptime.target} % over ${t.sla.uptime.measurement?.length ?? ''} ${t.sla.uptime.measurement?.period ?? ''}` : null, '/sla/uptime/target'),
        row('Availability target', t.sla?.availability?.target != null ? `${t.sla.availability.target} % (${t.sla.availability.measurement?.period ?? ''} ${t.sla.availability.measurement?.length ?? ''})` : null, '/sla/availability/target'),
        row('Excluded from downtime', (t.sla?.excluded || []).join(', '), '/sla/excluded'),
        row('Max restore time', t.sla?.maxRestoreTime, '/sla/maxRestoreTime'),
        row('Maintenance windows', (t.maintenance?.windows || []).map((w) => `${w.name}: ${fmtRules(w.schedule)}`).join(' | '), '/maintenance/windows'),
        row('Support hours', fmtRules(t.support?.hours), '/support/hours'),
        row('Rates', (t.support?.rates || []).map((x) => `${x.name}: ${x.price} per ${x.per}${x.increment ? ', started ' + x.increment : ''}${x.freeUpTo ? ', free up to ' + x.freeUpTo : ''}`).join('; '), '/support/rates'),
        row('Backup', t.backup ? (t.backup.included === false ? 'not included' : JSON.stringify(t.backup.retention ?? {})) : null, '/backup/included')),
      el('details', {}, el('summary', {}, 'All terms (JSON)'), el('pre', { class: 'mono' }, JSON.stringify(t, null, 2))));
  }));
}

// The SLA report: figures with their verdicts, and each outage with its categories; staff
// reclassify an outage with a reason (kept in the history, nothing is deleted).
const CATEGORIES = ['counted', 'customer-caused', 'customer-software', 'manufacturer', 'external-attack',
  'planned-maintenance', 'security-disconnect', 'capacity-non-compliance', 'access-lost', 'outside-control'];
async function showSla(customer) {
  const from = $('#sla-from').value; const to = $('#sla-to').value;
  $('#sla-events').href = `/api/customers/${encodeURIComponent(customer)}/sla/events?from=${from}T00:00:00Z&to=${to}T00:00:00Z`;
  const r = await request(`/api/customers/${encodeURIComponent(customer)}/sla?from=${from}&to=${to}`);
  const body = await r.json();
  if (!r.ok) { $('#sla').replaceChildren(el('p', {}, body.detail || `${r.status}`)); return; }
  const fig = (f) => el('li', {}, `${f.name}: `, el('strong', {}, f.achieved != null ? `${f.achieved} %` : '—'),
    f.target != null ? ` (target ${f.target} %, worst case ${f.worstCase ?? '—'} %) ` : ' ',
    el('span', { class: `badge ${f.verdict === 'met' ? 'ok' : f.verdict === 'not-met' ? 'erl' : ''}` }, f.verdict || 'reported'));
  const outages = r => r.services.flatMap((s) => s.outages);
  $('#sla').replaceChildren(
    el('p', { class: 'src' }, `${body.zone} · downtime ${fmtDur(body.total.period.downtime)} · unmonitored ${fmtDur(body.total.period.unmonitored)} (never counted as up) · ${body.services.length} service(s)`),
    el('ul', {}, body.total.figures.map(fig)),
    el('table', {}, el('thead', {}, el('tr', {}, ['Service', 'Start', 'End', 'Downtime', 'Categories', ''].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, outages(body).map((o) => el('tr', {},
        el('td', {}, o.service), el('td', {}, when(o.start)), el('td', {}, o.end ? when(o.end) : 'open'),
        el('td', {}, fmtDur(o.downtime)), el('td', {}, o.categories.map((c) => `${c.category} ${fmtDur(c.time)}${c.excluded ? ' (excluded)' : ''}`).join(', ')),
        el('td', {}, el('button', { type: 'button', onclick: () => reclassify(customer, o) }, 'Reclassify')))))),
    body.notes.length ? el('p', { class: 'src' }, body.notes.join(' · ')) : '');
}
async function reclassify(customer, o) {
  const category = prompt(`Category for ${o.service} from ${o.start}:\n${CATEGORIES.join(', ')}`, 'customer-caused');
  if (!category) return;
  const reason = prompt('Reason (kept in the history):');
  if (!reason) return;
  const r = await request(`/api/customers/${encodeURIComponent(customer)}/reclassifications`, { method: 'POST',
    body: { service: o.service, from: o.start, to: o.end || new Date().toISOString(), category, reason } });
  if (!r.ok) { alert(await problemText(r)); return; }
  showSla(customer);
}

async function loadAlerts() {
  let open;
  try { open = await api('/api/alerts'); } catch (e) { return; }
  const rows = open.map((a) => {
    const deadline = [a.troubleshootingDeadline, a.actionDeadline].filter(Boolean).sort()[0];
    const handled = a.troubleshootingAt ? `troubleshooting by ${a.troubleshootingBy} ${when(a.troubleshootingAt)}`
      : a.acknowledgedAt ? `acknowledged by ${a.acknowledgedBy} ${when(a.acknowledgedAt)}` : 'not yet';
    const act = (path, label) => el('button', {
      onclick: async () => {
        const r = await request(`/api/alerts/${encodeURIComponent(a.ref)}/${path}`, { method: 'POST' });
        if (!r.ok) alert(`${label}: ${await problemText(r)}`);
        loadAlerts();
      },
    }, label);
    return el('tr', {},
      el('td', { class: 'mono' }, a.ref, ' ', el('span', { class: 'src' }, a.services.join(', '))),
      el('td', {}, a.customerId),
      el('td', {}, when(a.alarmAt)),
      el('td', { class: deadline && new Date(deadline) < new Date() && !a.troubleshootingAt ? 'down' : '' }, when(deadline)),
      el('td', {}, handled),
      el('td', {}, a.acknowledgedAt ? '' : act('ack', 'Acknowledge'), ' ',
        a.troubleshootingAt ? '' : act('troubleshooting', 'Troubleshooting started')));
  });
  $('#alerts tbody').replaceChildren(...(rows.length ? rows : [el('tr', {}, el('td', { colspan: 6 }, 'No open alerts.'))]));
}

// The staff board: alerts, customers and documents.
export function startStaff() {
  $('#staff-view').hidden = false;
  $('#filter').addEventListener('input', renderCustomers);
  $('#staff-links').hidden = false;
  loadAlerts();
  setInterval(loadAlerts, 15000);
  loadCustomers()
    .then(() => {
      const wanted = new URLSearchParams(location.hash.slice(1)).get('customer');
      const c = customers.find((x) => x.id === wanted);
      if (c) showCustomer(c).then(() => $('#detail').scrollIntoView());
    })
    .catch((e) => { $('#customers tbody').replaceChildren(el('tr', {}, el('td', { colspan: 5 }, `Could not load: ${e.message}`))); });
}

