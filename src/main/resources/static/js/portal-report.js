// The SLA report of a chosen period (issue 7): the same figures as `vakt sla` (GET .../sla), its
// PDF in the user's language, and the period's outages newest first (the incident history).
import { $, day, durationMs, el, failRows, fillRows, fmtDur, num, request, verdictBadge, when } from './core.js';
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

/**
 * Beside a figure of the total: the service that decides it (each service on its own) and the
 * monitoring gap it was judged without (docs/outages.md).
 */
export function readingOf(total, f, i, services, area) {
  const parts = [];
  if (total.decidedBy?.length && services > 1) parts.push(t(`${area}.sla.decidedBy`, { service: total.decidedBy[i] }));
  if (f.target != null && durationMs(f.time.unmonitored) > 0) {
    parts.push(t(`${area}.sla.gapJudged`, { unmonitored: fmtDur(f.time.unmonitored) }));
  }
  return parts.length ? ` (${parts.join('; ')})` : '';
}

/** The troubleshooting-start promise (ALR-3) as one more line of the figures, when it was judged. */
export function troubleshootingOf(total, area) {
  const ts = total.troubleshooting;
  if (!ts || !ts.judged) return [];
  return [el('li', {}, t(`${area}.sla.troubleshooting`, { within: fmtDur(ts.within), missed: ts.missed, judged: ts.judged }), ' ',
    verdictBadge(ts.verdict))];
}

/** The solution's downtime, or every service's summed: the line counts time, it judges nothing. */
function downtimeOf(body) {
  if (body.total.scope === 'solution') return body.total.period.downtime;
  return `${body.services.reduce((ms, s) => ms + durationMs(s.period.downtime), 0)}ms`;
}

function render(box, body, from, last) {
  const outages = body.services.flatMap((s) => s.outages);
  const total = body.total;
  const head = ['service', 'achieved', 'downtime', 'unmonitored', 'outages'];
  box.replaceChildren(
    el('p', { class: 'src' }, t('portal.sla.period', { from: day(from), to: day(last), zone: body.zone }),
      body.until !== body.to ? ` ${t('portal.sla.untilNow', { now: when(body.until) })}` : ''),
    el('p', { class: 'src' }, t(`portal.sla.scope.${total.scope}`)),
    el('ul', { class: 'figures' }, total.figures.map((f, i) => el('li', {}, `${t(`portal.sla.figure.${f.name}`)}: `,
      el('strong', {}, achieved(f)),
      f.target != null ? ` (${t('portal.target', { target: num(f.target) })}) ` : ' ', verdictBadge(f.verdict),
      readingOf(total, f, i, body.services.length, 'portal'))),
    ...troubleshootingOf(total, 'portal')),
    el('p', {}, t('portal.downtimeSummary', {
      downtime: fmtDur(downtimeOf(body)), outages: outages.length, services: body.services.length })),
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
