// The login page: a GET of /api/session first, which sets the CSRF cookie (and goes straight to
// the console when already signed in); then the form POSTs with the token in X-XSRF-TOKEN.
const csrfToken = () => {
  const c = document.cookie.split('; ').find((x) => x.startsWith('XSRF-TOKEN='));
  return c ? decodeURIComponent(c.slice('XSRF-TOKEN='.length)) : '';
};
fetch('/api/session', { credentials: 'same-origin' }).then((r) => { if (r.ok) location.href = '/'; });
document.querySelector('#login').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const error = document.querySelector('#error');
  error.textContent = '';
  const body = {
    username: document.querySelector('#username').value.trim(),
    password: document.querySelector('#password').value,
    code: document.querySelector('#code').value.trim() || null,
  };
  const r = await fetch('/api/session', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-XSRF-TOKEN': csrfToken() },
    body: JSON.stringify(body),
  });
  if (r.ok) { location.href = '/'; return; }
  error.textContent = r.status === 429 ? 'Too many attempts: wait a minute.'
    : 'Wrong username, password or code, or the account is locked.';
  document.querySelector('#password').value = '';
  document.querySelector('#code').value = '';
});
