// Vakt's first screen: customers, their servers and services, and the terms in force on a day.
// Plain DOM code on purpose: the staff console and portal (a later issue) replace this page.
const $ = (sel) => document.querySelector(sel);
// Every request goes with the session cookie; changes carry the CSRF token the server set in the
// XSRF-TOKEN cookie (ADR 0013). Signed out (401), the page goes to the login page.
const csrfToken = () => {
  const c = document.cookie.split('; ').find((x) => x.startsWith('XSRF-TOKEN='));
  return c ? decodeURIComponent(c.slice('XSRF-TOKEN='.length)) : null;
};
const nativeFetch = window.fetch.bind(window);
window.fetch = async (path, opts = {}) => {
  const method = (opts.method || 'GET').toUpperCase();
  const headers = new Headers(opts.headers || {});
  if (!['GET', 'HEAD'].includes(method) && csrfToken()) headers.set('X-XSRF-TOKEN', csrfToken());
  const r = await nativeFetch(path, { ...opts, headers, credentials: 'same-origin' });
  if (r.status === 401 && !String(path).startsWith('/api/session')) location.href = '/login.html';
  return r;
};
const el = (tag, attrs = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v; else if (k.startsWith('on')) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v);
  }
  for (const c of children.flat()) e.append(c instanceof Node ? c : document.createTextNode(c ?? ''));
  return e;
};
const api = async (path) => {
  const r = await fetch(path, { headers: { Accept: 'application/json' } });
  if (!r.ok) throw new Error(`${path}: ${r.status}`);
  return r.json();
};

let customers = [];
let providers = {};

async function health() {
  try {
    const h = await api('/actuator/health');
    $('#health').textContent = h.status === 'UP' ? 'System up' : `System ${h.status}`;
    $('#health').className = h.status === 'UP' ? 'up' : 'down';
  } catch (e) { $('#health').textContent = 'Not reachable'; $('#health').className = 'down'; }
}

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
    el('td', {}, `${new Date(d.importedAt).toLocaleString()} by ${d.importedBy}`),
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
      s.lastCheckAt && `at ${new Date(s.lastCheckAt).toLocaleString()}`].filter(Boolean).join(' · ');
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
// Durations arrive as Vakt writes them ("3h", "2546793246ms"); people read "29 d 11 h 26 min".
const UNIT_MS = { ms: 1, s: 1e3, m: 6e4, h: 36e5, d: 864e5, w: 6048e5 };
function fmtDur(text) {
  if (!text) return '—';
  let ms = 0;
  for (const [, n, u] of String(text).matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g)) ms += Number(n) * UNIT_MS[u];
  if (ms === 0) return '0';
  const parts = [[864e5, 'd'], [36e5, 'h'], [6e4, 'min'], [1e3, 's']].map(([size, label]) => {
    const n = Math.floor(ms / size); ms -= n * size; return n ? `${n} ${label}` : null;
  }).filter(Boolean);
  return parts.slice(0, 3).join(' ') || '< 1 s';
}
async function showSla(customer) {
  const from = $('#sla-from').value; const to = $('#sla-to').value;
  $('#sla-events').href = `/api/customers/${encodeURIComponent(customer)}/sla/events?from=${from}T00:00:00Z&to=${to}T00:00:00Z`;
  const r = await fetch(`/api/customers/${encodeURIComponent(customer)}/sla?from=${from}&to=${to}`, { headers: { Accept: 'application/json' } });
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
        el('td', {}, o.service), el('td', {}, new Date(o.start).toLocaleString()), el('td', {}, o.end ? new Date(o.end).toLocaleString() : 'open'),
        el('td', {}, fmtDur(o.downtime)), el('td', {}, o.categories.map((c) => `${c.category} ${fmtDur(c.time)}${c.excluded ? ' (excluded)' : ''}`).join(', ')),
        el('td', {}, el('button', { type: 'button', onclick: () => reclassify(customer, o) }, 'Reclassify')))))),
    body.notes.length ? el('p', { class: 'src' }, body.notes.join(' · ')) : '');
}
async function reclassify(customer, o) {
  const category = prompt(`Category for ${o.service} from ${o.start}:\n${CATEGORIES.join(', ')}`, 'customer-caused');
  if (!category) return;
  const reason = prompt('Reason (kept in the history):');
  if (!reason) return;
  const r = await fetch(`/api/customers/${encodeURIComponent(customer)}/reclassifications`, { method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ service: o.service, from: o.start, to: o.end || new Date().toISOString(), category, reason }) });
  if (!r.ok) { const b = await r.json(); alert(b.errors?.[0] ? `${b.errors[0].field}: ${b.errors[0].reason}` : b.detail); return; }
  showSla(customer);
}

$('#filter').addEventListener('input', renderCustomers);
async function loadAlerts() {
  let open;
  try { open = await api('/api/alerts'); } catch (e) { return; }
  const when = (t) => (t ? new Date(t).toLocaleString() : '–');
  const rows = open.map((a) => {
    const deadline = [a.troubleshootingDeadline, a.actionDeadline].filter(Boolean).sort()[0];
    const handled = a.troubleshootingAt ? `troubleshooting by ${a.troubleshootingBy} ${when(a.troubleshootingAt)}`
      : a.acknowledgedAt ? `acknowledged by ${a.acknowledgedBy} ${when(a.acknowledgedAt)}` : 'not yet';
    const act = (path, label) => el('button', {
      onclick: async () => {
        const r = await fetch(`/api/alerts/${encodeURIComponent(a.ref)}/${path}`, { method: 'POST' });
        if (!r.ok) alert(`${label}: ${r.status}`);
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
function startStaff() {
  $('#staff-view').hidden = false;
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

// A customer's own view (issue 7): its services with their state, the SLA of the last 30 days and
// planned maintenance. The server decides what the customer may see (DPA-4); this only shows it.
const STATE_TEXT = { OK: 'Up', WARNING: 'Warning', CRITICAL: 'Down', UNKNOWN: 'Unknown', pending: 'Not yet checked' };
const STATE_BADGE = { OK: 'ok', CRITICAL: 'erl', UNKNOWN: 'erl' };
async function startCustomer(customer) {
  $('#customer-view').hidden = false;
  const base = `/api/customers/${encodeURIComponent(customer)}`;
  const when = (t) => (t ? new Date(t).toLocaleString() : '–');
  const failed = (sel, cols, e) => $(sel).replaceChildren(el('tr', {}, el('td', { colspan: cols }, `Could not load: ${e.message}`)));
  try {
    const status = await api(`${base}/status`);
    $('#cv-h').textContent = `Your services – ${status.name}`;
    document.title = `${status.name} – Vakt`;
    const rows = status.services.map((s) => el('tr', {},
      el('td', { class: 'mono' }, s.id), el('td', {}, s.type || '–'), el('td', { class: 'mono' }, s.server),
      el('td', {}, el('span', { class: `badge ${STATE_BADGE[s.state] || ''}` }, STATE_TEXT[s.state] || s.state), s.flapping ? ' (changing often)' : ''),
      el('td', {}, when(s.since))));
    $('#cv-services tbody').replaceChildren(...(rows.length ? rows : [el('tr', {}, el('td', { colspan: 5 }, 'No services.'))]));
  } catch (e) { failed('#cv-services tbody', 5, e); }
  try {
    const r = await fetch(`${base}/sla`, { headers: { Accept: 'application/json' } });
    const body = await r.json();
    if (!r.ok) { $('#cv-sla').replaceChildren(el('p', {}, body.detail || `No report (${r.status}).`)); } else {
      const outages = body.services.flatMap((s) => s.outages);
      $('#cv-sla').replaceChildren(
        el('ul', {}, body.total.figures.map((f) => el('li', {}, `${f.name}: `, el('strong', {}, f.achieved != null ? `${f.achieved} %` : '—'),
          f.target != null ? ` (target ${f.target} %) ` : ' ',
          el('span', { class: `badge ${f.verdict === 'met' ? 'ok' : f.verdict === 'not-met' ? 'erl' : ''}` }, f.verdict || 'reported')))),
        el('p', {}, `Downtime ${fmtDur(body.total.period.downtime)} in ${outages.length} outage(s) over ${body.services.length} service(s).`));
    }
  } catch (e) { $('#cv-sla').replaceChildren(el('p', {}, `Could not load: ${e.message}`)); }
  try {
    const list = await api(`${base}/maintenance`);
    const rows = list.map((m) => el('tr', {},
      el('td', {}, m.title, m.reference ? el('span', { class: 'src' }, ` ${m.reference}`) : ''),
      el('td', {}, when(m.from)), el('td', {}, when(m.to)), el('td', { class: 'mono' }, m.services.join(', ')),
      el('td', {}, m.state === 'CANCELLED' || m.state === 'cancelled' ? `cancelled${m.cancelReason ? ': ' + m.cancelReason : ''}` : String(m.state).toLowerCase())));
    $('#cv-maintenance tbody').replaceChildren(...(rows.length ? rows : [el('tr', {}, el('td', { colspan: 5 }, 'No maintenance planned.'))]));
  } catch (e) { failed('#cv-maintenance tbody', 5, e); }
}

health();
setInterval(health, 15000);

// Who is signed in decides the view: customers their own, staff the board.
(async () => {
  const r = await fetch('/api/session', { headers: { Accept: 'application/json' } });
  if (r.status === 401) { location.href = '/login.html'; return; }
  const me = await r.json();
  $('#me').textContent = `${me.username} (${me.role.toLowerCase().replace('_', ' ')})`;
  if (me.role.startsWith('CUSTOMER_')) startCustomer(me.customer); else startStaff();
})();
$('#logout').addEventListener('click', async () => {
  await fetch('/api/session', { method: 'DELETE' });
  location.href = '/login.html';
});
