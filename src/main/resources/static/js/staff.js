// The staff console (issue 7): the live status board, open alerts, customers with their servers,
// services, terms, SLA reports and maintenance, and the stored terms documents. Staff only; the
// server enforces that (ADR 0013). Each part is a module of its own (staff-*.js).
import { $, el } from './core.js';
import { t } from './i18n.js';
import { startBoard } from './staff-board.js';
import { loadAlerts } from './staff-alerts.js';
import { startAudit } from './audit.js';
import { loadCustomers, loadDocuments, renderCustomers, showCustomer } from './staff-customers.js';

const wantedCustomer = () => new URLSearchParams(location.hash.slice(1)).get('customer');

export function startStaff() {
  $('#staff-view').hidden = false;
  $('#staff-links').hidden = false;
  $('#filter').addEventListener('input', renderCustomers);
  let customers = null;
  const customerList = () => {
    if (customers) return customers;
    customers = loadCustomers();
    customers.catch((e) => $('#customers tbody').replaceChildren(
      el('tr', {}, el('td', { colspan: 5, class: 'down' }, t('common.loadFailed', { reason: e.message })))));
    return customers;
  };
  let rest = false;
  const loadRest = () => {
    if (rest) return;
    rest = true;
    customerList();
    loadDocuments();
    loadAlerts();
    setInterval(loadAlerts, 15000);
    startAudit($('#audit'), { staff: true });
  };
  const open = (id) => showCustomer(id).then(() => $('#detail').scrollIntoView());
  // A link to a customer (#customer=id) opens its details, also when followed on this page.
  const fromHash = () => { if (wantedCustomer()) open(wantedCustomer()); };
  window.addEventListener('hashchange', fromHash);
  // The board first; the rest of the console once it shows, as the server's cores serve it all.
  // A link to a customer's details loads those first, then the board and the rest.
  const board = () => startBoard(open, customerList);
  if (wantedCustomer()) open(wantedCustomer()).finally(() => { board(); loadRest(); });
  else board().finally(loadRest);
}
