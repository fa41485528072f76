// Open alerts (ALR-1, ALR-3, ALR-4): each incident with its deadlines, overdue ones said in words
// as well as colour, and the two actions: acknowledge, troubleshooting started.
import { $, el, fillRows, failRows, request, problemText, when } from './core.js';
import { t } from './i18n.js';

// In a wide outage there may be thousands of incidents: the table shows the first SHOWN and says
// how many more there are, so the page stays quick.
const SHOWN = 100;

/** One deadline: its time, and "overdue" in words once passed without the action it asks for. */
function deadline(label, at, done) {
  if (!at) return '';
  const overdue = !done && new Date(at) < new Date();
  return el('div', { class: overdue ? 'down' : '' }, `${t(label)}: ${when(at)}`,
    overdue ? el('strong', {}, ` ${t('staff.alerts.overdue')}`) : '', done ? ` ${t('staff.alerts.met')}` : '');
}

export async function loadAlerts() {
  let open;
  let total;
  try {
    const r = await request(`/api/alerts?size=${SHOWN}`);
    if (!r.ok) throw new Error(await problemText(r));
    open = await r.json();
    total = Number(r.headers.get('X-Total-Count') || open.length);
    open = open.slice(0, SHOWN);
  } catch (e) { failRows($('#alerts tbody'), 6, e); return; }
  $('#alerts-more').textContent = total > open.length ? t('staff.alerts.more', { shown: open.length, total }) : '';
  const rows = open.map((a) => {
    const handled = a.troubleshootingAt ? t('staff.alerts.troubleshootingBy', { by: a.troubleshootingBy, at: when(a.troubleshootingAt) })
      : a.acknowledgedAt ? t('staff.alerts.acknowledgedBy', { by: a.acknowledgedBy, at: when(a.acknowledgedAt) }) : t('staff.alerts.notYet');
    const act = (path, key) => el('button', {
      type: 'button',
      onclick: async () => {
        const r = await request(`/api/alerts/${encodeURIComponent(a.ref)}/${path}`, { method: 'POST' });
        if (!r.ok) $('#alerts-error').textContent = `${t(key)}: ${await problemText(r)}`;
        loadAlerts();
      },
    }, t(key));
    return el('tr', {},
      el('td', { class: 'mono' }, a.ref, ' ', el('span', { class: 'src' }, a.services.join(', '))),
      el('td', {}, a.customerId),
      el('td', {}, when(a.alarmAt)),
      el('td', {},
        deadline('staff.alerts.actionDeadline', a.actionDeadline, a.acknowledgedAt || a.troubleshootingAt),
        deadline('staff.alerts.troubleshootingDeadline', a.troubleshootingDeadline, a.troubleshootingAt)),
      el('td', {}, handled),
      el('td', {}, a.acknowledgedAt ? '' : act('ack', 'staff.alerts.acknowledge'), ' ',
        a.troubleshootingAt ? '' : act('troubleshooting', 'staff.alerts.troubleshooting')));
  });
  fillRows($('#alerts tbody'), rows, 6, t('staff.alerts.none'));
}
