// A customer admin's users (issue 7): the customer's accounts, adding a viewer or an admin (its
// initial password shown this once), disabling and enabling them; and two-factor sign-in (TOTP) for
// the admin's own account. The server confines all of it to the customer's own accounts (DPA-4).
import { $, api, el, failRows, fillRows, when } from './core.js';
import { t } from './i18n.js';
import { send } from './portal-live.js';

export function startUsers(ctx) {
  const section = $('#cv-users');
  section.hidden = false;
  section.replaceChildren(
    el('h3', { id: 'cv-users-h' }, t('portal.users.heading')),
    el('table', { id: 'cv-user-list' },
      el('caption', { class: 'visually-hidden' }, t('portal.users.caption')),
      el('thead', {}, el('tr', {}, ['username', 'role', 'totp', 'state', 'created', 'act'].map((h) => el('th', { scope: 'col' }, t(`portal.users.col.${h}`))))),
      el('tbody', {})),
    el('div', { class: 'grid' },
      el('form', { id: 'cv-add-user', class: 'stack' },
        el('h4', {}, t('portal.users.addHeading')),
        el('label', { for: 'cv-new-username' }, t('portal.users.username')),
        el('input', { id: 'cv-new-username', type: 'text', required: true, autocomplete: 'off', pattern: '[a-z0-9][a-z0-9._@\\-]{1,63}' }),
        el('label', { for: 'cv-new-role' }, t('portal.users.role')),
        el('select', { id: 'cv-new-role' },
          el('option', { value: 'CUSTOMER_VIEWER' }, t('common.role.CUSTOMER_VIEWER')),
          el('option', { value: 'CUSTOMER_ADMIN' }, t('common.role.CUSTOMER_ADMIN'))),
        el('button', { type: 'submit' }, t('portal.users.add')),
        el('output', { id: 'cv-new-password', for: 'cv-new-username' })),
      el('div', { class: 'stack' },
        el('h4', {}, t('portal.totp.heading')),
        el('p', { class: 'hint' }, t('portal.totp.hint')),
        el('button', { type: 'button', id: 'cv-totp-start' }, t('portal.totp.start')),
        el('div', { id: 'cv-totp' }))));
  $('#cv-add-user').addEventListener('submit', async (e) => {
    e.preventDefault();
    const username = $('#cv-new-username').value.trim();
    const role = $('#cv-new-role').value;
    const added = await send(`${ctx.base}/users`, 'POST', { username, role },
      (a) => t('portal.users.added', { username: a.account.username, role: t(`common.role.${a.account.role}`) }));
    if (added) {
      $('#cv-add-user').reset();
      // Shown this once: Vakt keeps only its hash.
      $('#cv-new-password').replaceChildren(added.initialPassword
        ? el('p', {}, t('portal.users.initialPassword', { username: added.account.username }), ' ',
          el('code', { class: 'secret' }, added.initialPassword))
        : '');
      list(ctx);
    }
  });
  $('#cv-totp-start').addEventListener('click', () => totp());
  list(ctx);
}

async function list(ctx) {
  const tbody = $('#cv-user-list tbody');
  try {
    const users = await api(`${ctx.base}/users`);
    fillRows(tbody, users.map((u) => el('tr', {},
      el('th', { scope: 'row', class: 'mono' }, u.username),
      el('td', {}, t(`common.role.${u.role}`)),
      el('td', {}, u.totpEnrolled ? t('portal.yes') : t('portal.no')),
      el('td', {}, u.disabled ? el('span', { class: 'badge erl' }, t('portal.users.disabled')) : el('span', { class: 'badge ok' }, t('portal.users.active'))),
      el('td', {}, when(u.createdAt)),
      el('td', {}, u.username === ctx.me.username ? t('portal.users.you')
        : el('button', { type: 'button', onclick: () => toggle(ctx, u) },
          t(u.disabled ? 'portal.users.enable' : 'portal.users.disable', { username: u.username }))))),
    6, t('portal.users.none'));
  } catch (e) { failRows(tbody, 6, e); }
}

async function toggle(ctx, u) {
  const action = u.disabled ? 'enable' : 'disable';
  const done = await send(`${ctx.base}/users/${encodeURIComponent(u.username)}/${action}`, 'POST', undefined,
    (a) => t(a.disabled ? 'portal.users.wasDisabled' : 'portal.users.wasEnabled', { username: a.username }));
  if (done) list(ctx);
}

// TOTP: a new seed to type into an authenticator app, confirmed with a code from it.
async function totp() {
  const box = $('#cv-totp');
  const e = await send('/api/account/totp', 'POST', undefined, () => t('portal.totp.started'));
  if (!e) return;
  const form = el('form', { id: 'cv-totp-confirm', class: 'stack' },
    el('p', {}, t('portal.totp.secret'), ' ', el('code', { class: 'secret', id: 'cv-totp-secret' }, e.secret)),
    el('p', {}, t('portal.totp.uri'), ' ', el('code', { class: 'secret' }, e.otpauthUri)),
    el('label', { for: 'cv-totp-code' }, t('portal.totp.code')),
    el('input', { id: 'cv-totp-code', inputmode: 'numeric', autocomplete: 'one-time-code', pattern: '[0-9]{6}', required: true }),
    el('button', { type: 'submit' }, t('portal.totp.confirm')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const done = await send('/api/account/totp/confirm', 'POST', { code: $('#cv-totp-code').value.trim() }, () => t('portal.totp.confirmed'));
    if (done) box.replaceChildren(el('p', { class: 'ok-text' }, t('portal.totp.confirmed')));
  });
  box.replaceChildren(form);
}
