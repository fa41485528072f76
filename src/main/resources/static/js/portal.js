// A customer's own view (issue 7): its services with their state, the SLA of the last 30 days and
// planned maintenance. The server decides what the customer may see (DPA-4); this only shows it.
import { $, api, el, failRows, fillRows, fmtDur, request, verdictBadge, when } from './core.js';
import { t } from './i18n.js';

const STATE_BADGE = { OK: 'ok', CRITICAL: 'erl', UNKNOWN: 'erl' };

export async function startCustomer(me) {
  const customer = me.customer;
  $('#customer-view').hidden = false;
  const base = `/api/customers/${encodeURIComponent(customer)}`;
  try {
    const status = await api(`${base}/status`);
    $('#cv-h').textContent = t('portal.heading', { name: status.name });
    document.title = `${status.name} – Vakt`;
    const rows = status.services.map((s) => el('tr', {},
      el('td', { class: 'mono' }, s.id), el('td', {}, s.type || '–'), el('td', { class: 'mono' }, s.server),
      el('td', {}, el('span', { class: `badge ${STATE_BADGE[s.state] || ''}` }, t(`common.state.${s.state}`)),
        s.flapping ? ` (${t('portal.flapping')})` : ''),
      el('td', {}, when(s.since))));
    fillRows($('#cv-services tbody'), rows, 5, t('portal.noServices'));
  } catch (e) { failRows($('#cv-services tbody'), 5, e); }
  try {
    const r = await request(`${base}/sla`);
    const body = await r.json();
    if (!r.ok) {
      $('#cv-sla').replaceChildren(el('p', {}, body.detail || t('portal.noReport', { status: r.status })));
    } else {
      const outages = body.services.flatMap((s) => s.outages);
      $('#cv-sla').replaceChildren(
        el('ul', {}, body.total.figures.map((f) => el('li', {}, `${f.name}: `,
          el('strong', {}, f.achieved != null ? `${f.achieved} %` : '—'),
          f.target != null ? ` (${t('portal.target', { target: f.target })}) ` : ' ', verdictBadge(f.verdict)))),
        el('p', {}, t('portal.downtimeSummary', {
          downtime: fmtDur(body.total.period.downtime), outages: outages.length, services: body.services.length })));
    }
  } catch (e) { $('#cv-sla').replaceChildren(el('p', { class: 'down' }, t('common.loadFailed', { reason: e.message }))); }
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
