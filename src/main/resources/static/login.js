// The login page: a GET of /api/session first, which sets the CSRF cookie (and goes straight to
// the console when already signed in); then the form POSTs with the token in X-XSRF-TOKEN.
import { $, el, request } from './js/core.js';
import { LANGUAGES, chooseLanguage, preferredLanguage, t, useLanguage } from './js/i18n.js';

request('/api/session').then((r) => { if (r.ok) location.href = '/'; });

useLanguage(preferredLanguage(null)).then((lang) => {
  document.title = t('login.title');
  const select = $('#lang');
  select.replaceChildren(...Object.entries(LANGUAGES).map(([code, name]) =>
    el('option', { value: code, selected: code === lang }, name)));
  select.addEventListener('change', () => { chooseLanguage(select.value); useLanguage(select.value); });
});

$('#login').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const error = $('#error');
  error.textContent = '';
  const body = {
    username: $('#username').value.trim(),
    password: $('#password').value,
    code: $('#code').value.trim() || null,
  };
  const r = await request('/api/session', { method: 'POST', body });
  if (r.ok) { location.href = '/'; return; }
  error.textContent = r.status === 429 ? t('login.tooMany') : t('login.failed');
  $('#password').value = '';
  $('#code').value = '';
});
