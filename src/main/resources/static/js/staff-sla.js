// A customer's SLA report for a chosen period, with the PDF and the events behind it; each outage
// can be reclassified with a form (category from the contract's list, a required reason), and the
// history shows every change people made (nothing is ever deleted, SLA ledger).
import { $, durationMs, el, fillRows, fmtDur, num, problemText, request, verdictBadge, when } from './core.js';
import { t } from './i18n.js';
import { apiAll } from './staff-common.js';

/** dev.vakt.contract.OutageCategory, in its order. */
export const CATEGORIES = ['counted', 'customer-caused', 'customer-software', 'manufacturer', 'external-attack',
  'planned-maintenance', 'security-disconnect', 'capacity-non-compliance', 'access-lost', 'unmonitored', 'outside-control'];

const category = (c) => t(`staff.category.${c}`);


export async function showSla(customer) {
  const enc = encodeURIComponent(customer);
  const from = $('#sla-from').value; const to = $('#sla-to').value;
  $('#sla-events').href = `/api/customers/${enc}/sla/events?from=${from}T00:00:00Z&to=${to}T00:00:00Z`;
  $('#sla-pdf').href = `/api/customers/${enc}/sla.pdf?from=${from}&to=${to}`;
  showHistory(customer);
  $('#sla').setAttribute('aria-busy', 'true');
  const r = await request(`/api/customers/${enc}/sla?from=${from}&to=${to}`);
  if (!r.ok) {
    $('#sla').replaceChildren(el('p', { class: 'down' }, await problemText(r)));
    $('#sla').setAttribute('aria-busy', 'false');
    return;
  }
  const body = await r.json();
  const total = body.total;
  // How the total is made (sla.scope), who decides each figure, the gap it was judged without.
  const fig = (f, i) => {
    const notes = [];
    if (total.decidedBy?.length && body.services.length > 1) notes.push(t('staff.sla.decidedBy', { service: total.decidedBy[i] }));
    if (f.target != null && durationMs(f.time.unmonitored) > 0) notes.push(t('staff.sla.gapJudged', { unmonitored: fmtDur(f.time.unmonitored) }));
    return el('li', {}, `${f.name}: `, el('strong', {}, f.achieved != null ? `${num(f.achieved)} %` : '—'),
      f.target != null ? ` ${t('staff.sla.target', { target: num(f.target), worst: f.worstCase != null ? num(f.worstCase) : '—' })} ` : ' ',
      verdictBadge(f.verdict), notes.length ? ` (${notes.join('; ')})` : '');
  };
  // The solution's own time, or every service's summed: the line counts time, it judges nothing.
  const summed = (k) => (total.scope === 'solution' ? total.period[k]
    : `${body.services.reduce((ms, s) => ms + durationMs(s.period[k]), 0)}ms`);
  const ts = total.troubleshooting;
  const troubleshooting = ts && ts.judged ? [el('li', {}, t('staff.sla.troubleshooting',
    { within: fmtDur(ts.within), missed: ts.missed, judged: ts.judged }), ' ', verdictBadge(ts.verdict))] : [];
  const outages = body.services.flatMap((s) => s.outages);
  const head = ['service', 'start', 'end', 'downtime', 'categories', 'act'];
  $('#sla').replaceChildren(
    el('p', { class: 'src' }, t('staff.sla.summary', { zone: body.zone, downtime: fmtDur(summed('downtime')),
      unmonitored: fmtDur(summed('unmonitored')), services: num(body.services.length) })),
    el('p', { class: 'src' }, t(`staff.sla.scope.${total.scope}`)),
    el('ul', {}, total.figures.map(fig), ...troubleshooting),
    el('table', { id: 'outages' },
      el('caption', { class: 'visually-hidden' }, t('staff.sla.outagesCaption')),
      el('thead', {}, el('tr', {}, head.map((h) => el('th', { scope: 'col' }, t(`staff.sla.col.${h}`))))),
      el('tbody', {}, outages.length ? outages.map((o) => el('tr', {},
        el('td', { class: 'mono' }, o.service), el('td', {}, when(o.start)), el('td', {}, o.end ? when(o.end) : t('staff.sla.open')),
        el('td', {}, fmtDur(o.downtime)),
        el('td', { class: 'categories' }, o.categories.map((c) => `${category(c.category)} ${fmtDur(c.time)}${c.excluded ? ' ' + t('staff.sla.excluded') : ''}`).join(', ')),
        el('td', {}, el('button', { type: 'button', onclick: () => openReclassify(customer, o) }, t('staff.sla.reclassify')))))
        : el('tr', {}, el('td', { colspan: 6 }, t('staff.sla.noOutages'))))),
    body.notes.length ? el('p', { class: 'src' }, body.notes.join(' · ')) : '');
  $('#sla').setAttribute('aria-busy', 'false');
}

async function showHistory(customer) {
  try {
    const list = await apiAll(`/api/customers/${encodeURIComponent(customer)}/sla/history`);
    fillRows($('#sla-history tbody'), list.slice().reverse().map((h) => {
      const e = h.event || {};
      const what = e.type === 'reclassify' ? t('staff.history.reclassified', { category: category(e.category) })
        : e.type ? t('staff.history.event', { type: e.type }) : t('staff.history.withdrawn', { ref: h.ref });
      return el('tr', {}, el('td', {}, when(h.at)), el('td', {}, h.by), el('td', {}, what),
        el('td', { class: 'mono' }, e.service || '–'),
        el('td', {}, e.from ? `${when(e.from)} – ${e.to ? when(e.to) : ''}` : e.at ? when(e.at) : '–'),
        el('td', {}, e.reason || '–'));
    }), 6, t('staff.history.none'));
  } catch (e) {
    fillRows($('#sla-history tbody'), [], 6, t('common.loadFailed', { reason: e.message }));
  }
}

/** The reclassification form for an outage, from and to filled in; errors stay in the form. */
function openReclassify(customer, o) {
  const dialog = $('#reclassify');
  const form = $('#reclassify-form');
  form.reset();
  $('#rc-service').value = o.service;
  $('#rc-from').value = o.start;
  $('#rc-to').value = o.end || new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  $('#rc-category').replaceChildren(...CATEGORIES.map((c) => el('option', { value: c }, category(c))));
  const current = o.categories.find((c) => c.category !== 'counted')?.category;
  $('#rc-category').value = current ? 'counted' : 'customer-caused';
  $('#rc-error').textContent = '';
  $('#rc-heading').textContent = t('staff.reclassify.heading', { service: o.service });
  form.onsubmit = async (ev) => {
    ev.preventDefault();
    const r = await request(`/api/customers/${encodeURIComponent(customer)}/reclassifications`, {
      method: 'POST',
      body: { service: o.service, from: $('#rc-from').value.trim(), to: $('#rc-to').value.trim(),
        category: $('#rc-category').value, reason: $('#rc-reason').value.trim() },
    });
    if (!r.ok) { $('#rc-error').textContent = t('staff.reclassify.refused', { reason: await problemText(r) }); return; }
    dialog.close();
    $('#sla-status').textContent = t('staff.reclassify.saved', { service: o.service });
    showSla(customer);
  };
  $('#rc-cancel').onclick = () => dialog.close();
  dialog.showModal();
  $('#rc-category').focus();
}
