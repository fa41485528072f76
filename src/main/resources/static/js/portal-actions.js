// What a customer admin does (issue 7): report a fault and say it is fixed (SLA-1), restart its own
// server where the contract allows it (MNT-12), download all its data (DPA-5). Viewers never get
// this section; the server refuses them anyway (AccessRules: CUSTOMER_ADMINS).
import { $, api, el, fillRows, failRows, when } from './core.js';
import { t } from './i18n.js';
import { say, send } from './portal-live.js';

export function startActions(ctx) {
  const services = ctx.status.services.map((s) => s.id);
  const servers = [...new Set(ctx.status.services.map((s) => s.server))];
  const section = $('#cv-actions');
  section.hidden = false;
  section.replaceChildren(
    el('h3', { id: 'cv-actions-h' }, t('portal.actions.heading')),
    el('div', { class: 'grid' },
      el('div', {},
        el('h4', {}, t('portal.fault.heading')),
        el('p', { class: 'hint' }, t('portal.fault.hint')),
        el('form', { id: 'cv-fault', class: 'stack' },
          el('label', { for: 'cv-fault-service' }, t('portal.fault.service')),
          el('select', { id: 'cv-fault-service', required: true }, services.map((s) => el('option', { value: s }, s))),
          el('label', { for: 'cv-fault-reason' }, t('portal.fault.reason')),
          el('input', { id: 'cv-fault-reason', type: 'text' }),
          el('button', { type: 'submit' }, t('portal.fault.report'))),
        el('table', { id: 'cv-reports' },
          el('caption', {}, t('portal.fault.openCaption')),
          el('thead', {}, el('tr', {}, ['service', 'at', 'reason', 'act'].map((h) => el('th', { scope: 'col' }, t(`portal.fault.col.${h}`))))),
          el('tbody', {}))),
      el('div', {},
        el('h4', {}, t('portal.restart.heading')),
        el('p', { class: 'hint' }, t('portal.restart.hint')),
        el('form', { id: 'cv-restart', class: 'stack' },
          el('label', { for: 'cv-restart-server' }, t('portal.restart.server')),
          el('select', { id: 'cv-restart-server', required: true }, servers.map((s) => el('option', { value: s }, s))),
          el('label', { for: 'cv-restart-reason' }, t('portal.restart.reason')),
          el('input', { id: 'cv-restart-reason', type: 'text' }),
          el('button', { type: 'submit', id: 'cv-restart-go' }, t('portal.restart.button'))),
        el('h4', {}, t('portal.export.heading')),
        el('p', { class: 'hint' }, t('portal.export.hint')),
        el('p', {}, el('a', { id: 'cv-export', href: `${ctx.base}/export`, download: `${ctx.customer}-export.zip` }, t('portal.export.link'))))));
  $('#cv-fault').addEventListener('submit', async (e) => {
    e.preventDefault();
    const service = $('#cv-fault-service').value;
    const done = await send(`${ctx.base}/reports`, 'POST', { service, reason: $('#cv-fault-reason').value || null },
      (r) => t('portal.fault.reported', { service: r.service, at: when(r.at) }));
    if (done) { $('#cv-fault-reason').value = ''; openReports(ctx); }
  });
  restart(ctx);
  openReports(ctx);
}

// A restart takes the server down for a moment: the first press is a dry run (the server checks
// everything a restart checks and says what it would do, MNT-12), the second restarts.
function restart(ctx) {
  const button = $('#cv-restart-go');
  let armed = false;
  const disarm = () => { armed = false; button.textContent = t('portal.restart.button'); };
  $('#cv-restart-server').addEventListener('change', disarm);
  $('#cv-restart').addEventListener('submit', async (e) => {
    e.preventDefault();
    const server = $('#cv-restart-server').value;
    const reason = $('#cv-restart-reason').value || null;
    const path = `/api/servers/${encodeURIComponent(server)}/restart`;
    if (!armed) {
      const preview = await send(path, 'POST', { reason, dryRun: true },
        (p) => t('portal.restart.ask', { server, plan: p.plan }));
      if (preview) { armed = true; button.textContent = t('portal.restart.confirm', { server }); }
      return;
    }
    disarm();
    await send(path, 'POST', { reason },
      (run) => t('portal.restart.started', { server, run: run.id, state: run.state }));
  });
}

/** The customer's fault reports not yet fixed: the last record of each report in the ledger. */
async function openReports(ctx) {
  const tbody = $('#cv-reports tbody');
  try {
    const history = await api(`${ctx.base}/sla/history`);
    const last = new Map();
    for (const h of history) if (h.event?.type === 'report') last.set(h.ref || h.event.id, { ...h.event, ref: h.ref || h.event.id });
    const open = [...last.values()].filter((r) => !r.fixedAt).sort((a, b) => String(b.at).localeCompare(String(a.at)));
    fillRows(tbody, open.map((r) => el('tr', {},
      el('td', { class: 'mono' }, r.service), el('td', {}, when(r.at)), el('td', {}, r.reason || '–'),
      el('td', {}, el('button', { type: 'button', onclick: () => fixed(ctx, r) }, t('portal.fault.fixed'))))),
    4, t('portal.fault.noneOpen'));
  } catch (e) { failRows(tbody, 4, e); }
}

async function fixed(ctx, r) {
  const done = await send(`${ctx.base}/reports/${encodeURIComponent(r.ref)}/fixed`, 'POST', undefined,
    (x) => t('portal.fault.wasFixed', { service: x.service, at: when(x.fixedAt) }));
  if (done) openReports(ctx);
}
