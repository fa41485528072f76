// The SLA report of a chosen period (issue 7): the same figures as `vakt sla` (GET .../sla), its
// PDF in the user's language, and the period's outages newest first (the incident history).
import { $, day, el, failRows, fillRows, fmtDur, num, request, verdictBadge, when } from './core.js';
import { currentLanguage, t } from './i18n.js';

const iso = (d) => d.toISOString().slice(0, 10);
const addDays = (date, n) => { const d = new Date(`${date}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + n); return iso(d); };

export function startReport(ctx) {
  const today = iso(new Date());
  $('#cv-from').value = addDays(today, -29);
  $('#cv-to').value = today;
  $('#cv-period').addEventListener('submit', (e) => { e.preventDefault(); show(ctx); });
  show(ctx);
}

/** The period as the API takes it: whole days [from, to), so the last day shown is to − 1. */
function period() {
  const from = $('#cv-from').value;
  const to = addDays($('#cv-to').value, 1);
  return { from, to };
}

async function show(ctx) {
  const { from, to } = period();
  const q = `from=${from}&to=${to}`;
  $('#cv-pdf').href = `${ctx.base}/sla.pdf?${q}&lang=${currentLanguage()}`;
  $('#cv-pdf').setAttribute('download', `${ctx.customer}-sla-${from}-${to}.pdf`);
  const box = $('#cv-sla');
  box.replaceChildren(el('p', {}, t('common.loading')));
  try {
    const r = await request(`${ctx.base}/sla?${q}`);
    const body = await r.json();
    if (!r.ok) {
      box.replaceChildren(el('p', {}, body.detail || t('portal.noReport', { status: r.status })));
      failRows($('#cv-incidents tbody'), 6, new Error(body.detail || r.status));
      return;
    }
    render(box, body, from, $('#cv-to').value);
    incidents(body);
  } catch (e) {
    box.replaceChildren(el('p', { class: 'down' }, t('common.loadFailed', { reason: e.message })));
    failRows($('#cv-incidents tbody'), 6, e);
  }
}


const achieved = (f) => (f?.achieved != null ? `${num(f.achieved, 4)} %` : '—');

function render(box, body, from, last) {
  const outages = body.services.flatMap((s) => s.outages);
  const head = ['service', 'achieved', 'downtime', 'unmonitored', 'outages'];
  box.replaceChildren(
    el('p', { class: 'src' }, t('portal.sla.period', { from: day(from), to: day(last), zone: body.zone }),
      body.until !== body.to ? ` ${t('portal.sla.untilNow', { now: when(body.until) })}` : ''),
    el('ul', { class: 'figures' }, body.total.figures.map((f) => el('li', {}, `${t(`portal.sla.figure.${f.name}`)}: `,
      el('strong', {}, achieved(f)),
      f.target != null ? ` (${t('portal.target', { target: num(f.target) })}) ` : ' ', verdictBadge(f.verdict)))),
    el('p', {}, t('portal.downtimeSummary', {
      downtime: fmtDur(body.total.period.downtime), outages: outages.length, services: body.services.length })),
    el('table', { id: 'cv-sla-services' },
      el('caption', { class: 'visually-hidden' }, t('portal.sla.servicesCaption')),
      el('thead', {}, el('tr', {}, head.map((h) => el('th', { scope: 'col' }, t(`portal.sla.col.${h}`))))),
      el('tbody', {}, body.services.map((s) => el('tr', {},
        el('th', { scope: 'row', class: 'mono' }, s.service),
        el('td', {}, achieved(s.figures.find((f) => f.name === 'period'))),
        el('td', {}, fmtDur(s.period.downtime)), el('td', {}, fmtDur(s.period.unmonitored)),
        el('td', {}, String(s.outages.length)))))),
    ...(body.notes || []).map((n) => el('p', { class: 'src' }, n)));
}

function incidents(body) {
  const outages = body.services.flatMap((s) => s.outages)
    .sort((a, b) => String(b.start).localeCompare(String(a.start)));
  const rows = outages.map((o) => el('tr', {},
    el('td', {}, when(o.start), o.startsBeforePeriod ? ` (${t('portal.incidents.earlier')})` : ''),
    el('td', {}, o.open ? el('strong', { class: 'down' }, t('portal.incidents.ongoing')) : when(o.end)),
    el('td', { class: 'mono' }, o.service),
    el('td', {}, fmtDur(o.duration)), el('td', {}, fmtDur(o.downtime)),
    el('td', {}, (o.categories || []).map((c) => `${t(`portal.category.${c.category}`)}${c.excluded ? ` (${t('portal.incidents.excluded')})` : ''}`).join(', ') || '–')));
  fillRows($('#cv-incidents tbody'), rows, 6, t('portal.incidents.none'));
}
