// The staff console (issue 7): the live status board, open alerts, customers with their servers,
// services, terms, SLA reports and maintenance, and the stored terms documents. Staff only; the
// server enforces that (ADR 0013). Each part is a module of its own (staff-*.js).
import { $, el } from './core.js';
import { t } from './i18n.js';
import { startBoard } from './staff-board.js';
import { loadAlerts } from './staff-alerts.js';
import { loadCustomers, renderCustomers, showCustomer } from './staff-customers.js';

export function startStaff() {
  $('#staff-view').hidden = false;
  $('#staff-links').hidden = false;
  $('#filter').addEventListener('input', renderCustomers);
  const customers = loadCustomers();
  const open = (id) => customers.then(() => showCustomer(id)).then(() => $('#detail').scrollIntoView());
  startBoard(open, customers);
  loadAlerts();
  setInterval(loadAlerts, 15000);
  // A link to a customer (#customer=id) opens its details, also when followed on this page.
  const fromHash = () => {
    const wanted = new URLSearchParams(location.hash.slice(1)).get('customer');
    if (wanted) open(wanted);
  };
  window.addEventListener('hashchange', fromHash);
  customers
    .then(fromHash)
    .catch((e) => $('#customers tbody').replaceChildren(el('tr', {}, el('td', { colspan: 5, class: 'down' }, t('common.loadFailed', { reason: e.message })))));
}
