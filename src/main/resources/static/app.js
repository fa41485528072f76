// The signed-in page: asks who is signed in, loads their language, then shows the customer's own
// view or the staff console. Each view lives in its own module under /js/.
import { $, api, el, request } from './js/core.js';
import { LANGUAGES, chooseLanguage, prefetchLanguage, preferredLanguage, t, useLanguage } from './js/i18n.js';

async function health() {
  try {
    const h = await api('/actuator/health');
    $('#health').textContent = h.status === 'UP' ? t('common.health.up') : t('common.health.other', { status: h.status });
    $('#health').className = h.status === 'UP' ? 'up' : 'down';
  } catch (e) {
    $('#health').textContent = t('common.health.unreachable');
    $('#health').className = 'down';
  }
}

function languagePicker(current) {
  const select = $('#lang');
  select.replaceChildren(...Object.entries(LANGUAGES).map(([code, name]) =>
    el('option', { value: code, selected: code === current }, name)));
  select.addEventListener('change', () => { chooseLanguage(select.value); location.reload(); });
}

// Who is signed in decides the view: customers their own, staff the console.
(async () => {
  performance.mark('app'); // for the page benchmark's account of where a load's time went
  // The server wrote the session into index.html (or the page asked for it before the modules
  // loaded); the likely language's texts come meanwhile (the customer's own language, known only
  // from the session, may still follow).
  prefetchLanguage(preferredLanguage(null));
  const r = await (window.vaktSession ?? request('/api/session'));
  if (r.status === 401) { location.href = '/login.html'; return; }
  const me = await r.json();
  const customer = me.role.startsWith('CUSTOMER_');
  // The view's own modules only, fetched while the texts load (the server has the page preload them).
  const view = customer ? import('./js/portal.js') : import('./js/staff.js');
  // The other view stays hidden and untranslated: half the page's marked elements.
  const lang = await useLanguage(preferredLanguage(me.language),
    ['header', customer ? '#customer-view' : '#staff-view', 'footer'].map((s) => $(s)));
  performance.mark('texts');
  languagePicker(lang);
  $('#me').textContent = `${me.username} (${t(`common.role.${me.role}`)})`;
  const module = await view;
  performance.mark('view');
  if (customer) module.startCustomer(me); else module.startStaff(me);
  // After the view's first requests: the health line is not what the user came for.
  health();
  setInterval(health, 15000);
})();

$('#logout').addEventListener('click', async () => {
  await request('/api/session', { method: 'DELETE' });
  location.href = '/login.html';
});
