// Patching (MNT-6): this month's patch compliance of the customer's servers, its postponements, and
// for its admins postponing updates at the customer's own risk and ending a postponement early.
import { $, api, day, el, failRows, fillRows, when } from './core.js';
import { t } from './i18n.js';
import { send } from './portal-live.js';

const VERDICT_BADGE = { compliant: 'ok', 'non-compliant': 'erl', unknown: 'erl' };

export function startPatching(ctx) {
  compliance(ctx);
  postponements(ctx);
  if (ctx.admin) postponeForm(ctx);
}

async function compliance(ctx) {
  const box = $('#cv-patch');
  try {
    const c = await api(`${ctx.base}/patch-compliance`);
    const n = c.totals;
    box.replaceChildren(
      el('p', {}, t('portal.patch.month', { month: c.month }), ' ',
        el('span', { class: `badge ${VERDICT_BADGE[c.verdict] || ''}` }, t(`portal.patch.verdict.${c.verdict}`)),
        ' ', t('portal.patch.totals', { servers: n.servers, compliant: n.compliant, security: n.securityPending, overdue: n.overdue })),
      el('table', { id: 'cv-patch-servers' },
        el('caption', { class: 'visually-hidden' }, t('portal.patch.caption')),
        el('thead', {}, el('tr', {}, ['server', 'verdict', 'lastScan', 'reasons'].map((h) => el('th', { scope: 'col' }, t(`portal.patch.col.${h}`))))),
        el('tbody', {}, c.servers.map((s) => el('tr', {},
          el('th', { scope: 'row', class: 'mono' }, s.server),
          el('td', {}, el('span', { class: `badge ${VERDICT_BADGE[s.verdict] || ''}` }, t(`portal.patch.verdict.${s.verdict}`))),
          el('td', {}, when(s.lastScan)),
          el('td', {}, (s.reasons || []).join('; ') || '–'))))));
  } catch (e) {
    box.replaceChildren(el('p', {}, t('common.loadFailed', { reason: e.message })));
  }
}

async function postponements(ctx) {
  const tbody = $('#cv-postponements tbody');
  try {
    const list = await api(`${ctx.base}/patch-postponements`);
    const rows = list.map((p) => el('tr', {},
      el('td', { class: 'mono' }, p.servers?.length ? p.servers.join(', ') : t('portal.patch.allServers')),
      el('td', {}, day(p.until)), el('td', {}, p.reason || '–'), el('td', {}, p.risk || '–'),
      el('td', {}, t(`portal.patch.status.${p.status}`),
        ctx.admin && p.status === 'active'
          ? [' ', el('button', { type: 'button', onclick: () => end(ctx, p) }, t('portal.patch.end'))] : [])));
    fillRows(tbody, rows, 5, t('portal.patch.none'));
  } catch (e) { failRows(tbody, 5, e); }
}

async function end(ctx, p) {
  const done = await send(`${ctx.base}/patch-postponements/${p.id}/end`, 'POST', {}, () => t('portal.patch.ended'));
  if (done) { postponements(ctx); compliance(ctx); }
}

function postponeForm(ctx) {
  const servers = [...new Set(ctx.status.services.map((s) => s.server))];
  const contacts = (ctx.info.contacts || []).filter((c) => c.email);
  const form = el('form', { id: 'cv-postpone', class: 'stack' },
    el('h4', {}, t('portal.patch.postponeHeading')),
    el('p', { class: 'hint' }, t('portal.patch.postponeHint')),
    el('label', { for: 'cv-pp-server' }, t('portal.patch.servers')),
    el('select', { id: 'cv-pp-server' }, el('option', { value: '' }, t('portal.patch.allServers')),
      servers.map((s) => el('option', { value: s }, s))),
    el('label', { for: 'cv-pp-until' }, t('portal.patch.until')),
    el('input', { id: 'cv-pp-until', type: 'date', required: true }),
    el('label', { for: 'cv-pp-by' }, t('portal.patch.requestedBy')),
    el('select', { id: 'cv-pp-by', required: true }, contacts.map((c) => el('option', { value: c.email }, `${c.name} <${c.email}>`))),
    el('label', { for: 'cv-pp-reason' }, t('portal.patch.reason')),
    el('input', { id: 'cv-pp-reason', type: 'text', required: true }),
    el('label', { for: 'cv-pp-risk' }, t('portal.patch.risk')),
    el('textarea', { id: 'cv-pp-risk', rows: 2, required: true }),
    el('button', { type: 'submit' }, t('portal.patch.postpone')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const server = $('#cv-pp-server').value;
    const body = {
      servers: server ? [server] : [], allServers: !server, until: $('#cv-pp-until').value,
      requestedBy: $('#cv-pp-by').value, reason: $('#cv-pp-reason').value, risk: $('#cv-pp-risk').value,
    };
    const done = await send(`${ctx.base}/patch-postponements`, 'POST', body,
      (p) => t('portal.patch.postponed', { until: day(p.until) }));
    if (done) { form.reset(); postponements(ctx); compliance(ctx); }
  });
  $('#cv-postponements').after(form);
}
