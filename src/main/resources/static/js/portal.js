// A customer's own view (issue 7): its services with their state, 90 days of uptime, the SLA report
// of a chosen period with its PDF, the outages, planned maintenance, patching and the emergency
// list; for its admins also the actions and its users (portal-actions.js, portal-users.js). The
// server decides what the customer may see and do (DPA-4); this only shows it.
import { $, api, el, failRows, fillRows, fillRowsGradually, when } from './core.js';
import { t } from './i18n.js';
import { startAudit } from './audit.js';
import { startActions } from './portal-actions.js';
import { startPatching } from './portal-patch.js';
import { startReport } from './portal-report.js';
import { loadUptime } from './portal-uptime.js';
import { startUsers } from './portal-users.js';

const STATE_BADGE = { OK: 'ok', CRITICAL: 'erl', UNKNOWN: 'erl' };

export async function startCustomer(me) {
  const customer = me.customer;
  const admin = me.role === 'CUSTOMER_ADMIN';
  $('#customer-view').hidden = false;
  const base = `/api/customers/${encodeURIComponent(customer)}`;
  const ctx = { me, customer, base, admin, status: null, info: null };
  // Both at once (index.html has usually asked for them already).
  const asked = { status: api(`${base}/status`), info: api(base) };
  asked.info.catch(() => {}); // its failure is shown below, once the states are
  let status = { services: [] };
  try {
    status = await asked.status;
    $('#cv-h').textContent = t('portal.heading', { name: status.name });
    document.title = `${status.name} – Vakt`;
    // A customer may have a thousand services: the first screen shows at once, the rest after.
    fillRowsGradually($('#cv-services tbody'), status.services, (s) => el('tr', {},
      el('td', { class: 'mono' }, s.id), el('td', {}, s.type || '–'), el('td', { class: 'mono' }, s.server),
      el('td', {}, el('span', { class: `badge ${STATE_BADGE[s.state] || ''}` }, t(`common.state.${s.state}`)),
        s.flapping ? ` (${t('portal.flapping')})` : ''),
      el('td', {}, when(s.since))), 5, t('portal.noServices'));
  } catch (e) { failRows($('#cv-services tbody'), 5, e); }
  ctx.status = status;
  let info = { contacts: [] };
  try {
    info = await asked.info;
    const rows = (info.contacts || []).filter((c) => c.emergency).map((c) => el('tr', {},
      el('td', {}, c.name), el('td', {}, c.email ? el('a', { href: `mailto:${c.email}` }, c.email) : '–'),
      el('td', {}, c.phone || '–'), el('td', {}, c.verified ? t('portal.yes') : t('portal.no'))));
    fillRows($('#cv-contacts tbody'), rows, 4, t('portal.contacts.none'));
  } catch (e) { failRows($('#cv-contacts tbody'), 4, e); }
  ctx.info = info;
  loadUptime(base);
  startReport(ctx);
  maintenance(base);
  startPatching(ctx);
  startAudit($('#cv-audit'), { staff: false });
  if (admin) {
    document.querySelectorAll('.cv-admin-only').forEach((e) => { e.hidden = false; });
    startActions(ctx);
    startUsers(ctx);
  }
}

async function maintenance(base) {
  try {
    const list = await api(`${base}/maintenance`);
    const rows = list.map((m) => el('tr', {},
      el('td', {}, m.title, m.reference ? el('span', { class: 'src' }, ` ${m.reference}`) : ''),
      el('td', {}, when(m.from)), el('td', {}, when(m.to)), el('td', { class: 'mono' }, m.services.join(', ')),
      el('td', {}, String(m.state).toLowerCase() === 'cancelled'
        ? `${t('portal.maintenance.cancelled')}${m.cancelReason ? ': ' + m.cancelReason : ''}`
        : t(`portal.maintenance.state.${String(m.state).toLowerCase()}`))));
    fillRows($('#cv-maintenance tbody'), rows, 5, t('portal.maintenance.none'));
  } catch (e) { failRows($('#cv-maintenance tbody'), 5, e); }
}
