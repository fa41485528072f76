// 90 days of uptime per service (issue 7): one bar per day in the contract's time zone, cut by the
// server from the same SLA report as `vakt sla` (GET .../uptime). Colour is never the only signal:
// each bar has a tooltip and a label, and each service a table of its days for screen readers.
import { $, api, day, durationMs, el, fmtDur, num } from './core.js';
import { t } from './i18n.js';

/** The bar's class: grey when nothing was monitored, else by the day's figure. */
export function barClass(d) {
  if (d.uptime == null) return 'none';
  const u = Number(d.uptime);
  if (u >= 100) return 'full';
  if (u >= 99) return 'high';
  if (u >= 95) return 'mid';
  return 'low';
}

/** A day in words: its figure, downtime and unmonitored time. */
function dayText(d) {
  const parts = [day(d.date)];
  parts.push(d.uptime == null ? t('portal.uptime.notMonitored') : t('portal.uptime.dayFigure', { uptime: num(d.uptime, 2) }));
  if (durationMs(d.downtime) > 0) parts.push(t('portal.uptime.dayDowntime', { downtime: fmtDur(d.downtime) }));
  if (d.uptime != null && durationMs(d.unmonitored) > 0) {
    parts.push(t('portal.uptime.dayUnmonitored', { unmonitored: fmtDur(d.unmonitored) }));
  }
  return parts.join(', ');
}

function bar(d) {
  const cls = barClass(d);
  const attrs = { class: `bar ${cls}`, title: dayText(d), 'data-date': d.date };
  // Part of a day unmonitored: that share of the bar is grey, the rest coloured by the figure.
  const share = durationMs(d.unmonitored) / Math.max(durationMs(d.time), 1);
  if (cls !== 'none' && share > 0) attrs.style = `--unmonitored: ${Math.round(share * 100)}%`;
  if (cls !== 'none' && share > 0) attrs.class += ' partial';
  return el('li', attrs);
}

function serviceBlock(s, from, to) {
  const id = `cv-up-${s.service.replace(/[^a-zA-Z0-9_-]/g, '_')}`;
  const figure = s.achieved != null ? `${num(s.achieved, 4)} %` : t('portal.uptime.notMonitored');
  return el('div', { class: 'uptime-service', 'data-service': s.service },
    el('h4', { id }, el('span', { class: 'mono' }, s.service), ' – ',
      el('span', { class: 'uptime-figure' }, t('portal.uptime.figure', { figure, days: s.days.length }))),
    el('p', { class: 'src' }, t('portal.uptime.summary', {
      downtime: fmtDur(s.downtime), unmonitored: fmtDur(s.unmonitored) })),
    // The bars are for the eye and the pointer; the table below carries the same for everyone.
    el('ol', { class: 'bars', 'aria-hidden': 'true' }, s.days.map(bar)),
    el('div', { class: 'bars-axis', 'aria-hidden': 'true' }, el('span', {}, day(from)), el('span', {}, t('portal.uptime.today'))),
    el('table', { class: 'visually-hidden' },
      el('caption', {}, t('portal.uptime.tableCaption', { service: s.service, from: day(from), to: day(to) })),
      el('thead', {}, el('tr', {},
        el('th', { scope: 'col' }, t('portal.uptime.col.date')),
        el('th', { scope: 'col' }, t('portal.uptime.col.uptime')),
        el('th', { scope: 'col' }, t('portal.uptime.col.downtime')),
        el('th', { scope: 'col' }, t('portal.uptime.col.unmonitored')))),
      el('tbody', {}, s.days.map((d) => el('tr', {},
        el('th', { scope: 'row' }, day(d.date)),
        el('td', {}, d.uptime == null ? t('portal.uptime.notMonitored') : `${num(d.uptime, 4)} %`),
        el('td', {}, fmtDur(d.downtime)), el('td', {}, fmtDur(d.unmonitored)))))));
}

/** Services shown at a time: a customer with 1,000 services gets its worst first, then more. */
const PAGE = 20;

export async function loadUptime(base) {
  const box = $('#cv-uptime');
  try {
    const u = await api(`${base}/uptime?days=90`);
    if (!u.services.length) { box.replaceChildren(el('p', {}, t('portal.noServices'))); return; }
    const last = u.services[0]?.days.at(-1)?.date || u.to;
    // The least uptime first; services never monitored after those with a figure.
    const services = [...u.services].sort((a, b) => (a.achieved == null) - (b.achieved == null)
      || Number(a.achieved) - Number(b.achieved) || a.service.localeCompare(b.service));
    const list = el('div', {});
    const more = el('button', { type: 'button' });
    let shown = 0;
    const showMore = () => {
      const next = services.slice(shown, shown + PAGE);
      list.append(...next.map((s) => serviceBlock(s, u.from, last)));
      shown += next.length;
      const left = services.length - shown;
      more.hidden = left === 0;
      more.textContent = t('portal.uptime.more', { count: Math.min(PAGE, left), left });
    };
    more.addEventListener('click', showMore);
    showMore();
    box.replaceChildren(
      el('p', { class: 'src' }, t('portal.uptime.zone', { zone: u.zone }),
        services.length > PAGE ? ` ${t('portal.uptime.order')}` : ''),
      list, services.length > PAGE ? more : '');
  } catch (e) {
    box.replaceChildren(el('p', { class: 'down' }, t('common.loadFailed', { reason: e.message })));
  }
}
