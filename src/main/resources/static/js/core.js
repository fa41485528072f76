// What every page shares: requests with the session and CSRF token, DOM building, formatting.
import { locale, t } from './i18n.js';

// Every request goes with the session cookie; changes carry the CSRF token the server set in the
// XSRF-TOKEN cookie (ADR 0013). Signed out (401), the page goes to the login page.
export const csrfToken = () => {
  const c = document.cookie.split('; ').find((x) => x.startsWith('XSRF-TOKEN='));
  return c ? decodeURIComponent(c.slice('XSRF-TOKEN='.length)) : null;
};

/**
 * A GET the page asked for before its modules ran (index.html's first data), taken once; a later
 * request for the same address asks the server again.
 */
function early(path, method, opts) {
  const all = window.vaktEarly;
  if (method !== 'GET' || opts.headers || !all || !(path in all)) return null;
  const r = all[path];
  delete all[path];
  return r;
}

export async function request(path, opts = {}) {
  const method = (opts.method || 'GET').toUpperCase();
  const asked = early(path, method, opts);
  if (asked) {
    const r = await asked;
    if (r.status === 401) location.href = '/login.html';
    return r;
  }
  const headers = new Headers(opts.headers || {});
  if (!headers.has('Accept')) headers.set('Accept', 'application/json');
  if (!['GET', 'HEAD'].includes(method) && csrfToken()) headers.set('X-XSRF-TOKEN', csrfToken());
  let body = opts.body;
  if (body !== undefined && typeof body !== 'string' && !(body instanceof FormData)) {
    headers.set('Content-Type', 'application/json');
    body = JSON.stringify(body);
  }
  const { retried, ...init } = opts;
  const r = await fetch(path, { ...init, method, headers, body, credentials: 'same-origin' });
  if (r.status === 401 && !String(path).startsWith('/api/session')) location.href = '/login.html';
  if (!retried && !String(path).startsWith('/api/session') && await secondFactorNeeded(r)) {
    const secret = await askSecondFactor();
    if (!secret) return r;
    // Six digits are a code; anything else is the password of an account without TOTP (passwords
    // have twelve characters at least).
    const v = await request('/api/session/verify', { method: 'POST', body: /^\d{6}$/.test(secret) ? { code: secret } : { password: secret } });
    return v.ok ? request(path, { ...opts, retried: true }) : v;
  }
  return r;
}

// Sensitive changes (accounts, tokens, secrets) need the second factor again some minutes after
// it was last checked (vakt.access.recent-second-factor, ADR 0017). The server says so with its
// own problem type; the page asks for the code, verifies it, and makes the change once more.
async function secondFactorNeeded(r) {
  if (r.status !== 403) return false;
  try {
    const b = await r.clone().json();
    return String(b.type || '').endsWith('/second-factor-needed');
  } catch (e) {
    return false;
  }
}

/** Asks for the code (or password) in a modal dialog; resolves to it, or '' when cancelled. */
function askSecondFactor() {
  return new Promise((resolve) => {
    const input = el('input', { type: 'password', id: 'vakt-second-factor', autocomplete: 'one-time-code', required: true });
    const dialog = el('dialog', { class: 'second-factor' },
      el('form', { method: 'dialog' },
        el('label', { for: 'vakt-second-factor' }, t('common.secondFactor.prompt')), ' ', input,
        el('div', {},
          el('button', { type: 'submit', value: 'ok' }, t('common.secondFactor.confirm')), ' ',
          el('button', { type: 'button', onclick: () => dialog.close('') }, t('common.secondFactor.cancel')))));
    dialog.addEventListener('close', () => {
      const value = dialog.returnValue === 'ok' ? input.value.trim() : '';
      dialog.remove();
      resolve(value);
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}

/** An API error as one line for people: the first field error, else the problem's detail. */
export async function problemText(r) {
  try {
    const b = await r.json();
    const first = b.errors?.[0];
    if (first) return `${first.field}: ${first.reason}`;
    if (b.reasons?.length) return [b.detail, ...b.reasons].filter(Boolean).join(' · ');
    return b.detail || b.title || t('common.error.status', { status: r.status });
  } catch (e) {
    return t('common.error.status', { status: r.status });
  }
}

/** GETs JSON, or throws an Error whose message says why. */
export async function api(path) {
  const r = await request(path);
  if (!r.ok) throw new Error(await problemText(r));
  return r.json();
}

export const $ = (sel, root = document) => root.querySelector(sel);

export const el = (tag, attrs = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    // Through CSSOM: the Content-Security-Policy allows no inline style attribute.
    else if (k === 'style') e.style.cssText = v;
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) e.append(c instanceof Node ? c : document.createTextNode(c ?? ''));
  return e;
};

/** A table body's rows, or one row saying there are none. */
export function fillRows(tbody, rows, cols, emptyText) {
  tbody.replaceChildren(...(rows.length ? rows : [el('tr', {}, el('td', { colspan: cols }, emptyText))]));
}

/**
 * Renders a long list a slice at a time: {@code first} items at once, the rest {@code step} at a
 * time in later tasks, so the first screen of a thousand rows shows without waiting for the
 * others (docs/BENCHMARKS.md, "Pages"). {@code add(nodes)} appends rendered items; a newer
 * rendering into the same {@code target} stops an older one.
 */
export function gradually(target, items, render, add, first = 100, step = 250) {
  const mine = {};
  target.vaktRendering = mine;
  add(items.slice(0, first).map(render));
  const more = (from) => {
    if (target.vaktRendering !== mine || from >= items.length) return;
    add(items.slice(from, from + step).map(render));
    setTimeout(() => more(from + step));
  };
  setTimeout(() => more(first));
}

/** A table body's rows rendered {@link gradually}, or one row saying there are none. */
export function fillRowsGradually(tbody, items, render, cols, emptyText) {
  let started = false;
  gradually(tbody, items, render, (rows) => {
    if (!started) fillRows(tbody, rows, cols, emptyText); else tbody.append(...rows);
    started = true;
  });
}

/** A table body showing why it could not be loaded. */
export function failRows(tbody, cols, error) {
  tbody.replaceChildren(el('tr', {}, el('td', { colspan: cols, class: 'down' }, t('common.loadFailed', { reason: error.message }))));
}

// Formatters made once per language and kind: toLocaleString() builds one on every call, which
// was most of the time a table of a hundred rows took to fill (docs/BENCHMARKS.md, "Pages").
const formats = new Map();
function format(kind, make) {
  const key = `${locale()} ${kind}`;
  if (!formats.has(key)) formats.set(key, make(locale()));
  return formats.get(key);
}
const DATE_TIME = { year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' };

/** An instant in the user's language, or a dash. */
export const when = (instant) => (instant
  ? format('when', (l) => new Intl.DateTimeFormat(l, DATE_TIME)).format(new Date(instant)) : '–');

/** A date (YYYY-MM-DD) in the user's language. */
export const day = (date) => (date
  ? format('day', (l) => new Intl.DateTimeFormat(l, { timeZone: 'UTC' })).format(new Date(`${date}T12:00:00Z`)) : '–');

/** A number in the user's language. */
export const num = (n, digits) => (n == null ? '—' : format(`num ${digits ?? ''}`, (l) => new Intl.NumberFormat(l,
  digits == null ? {} : { minimumFractionDigits: digits, maximumFractionDigits: digits })).format(Number(n)));

// Durations arrive as Vakt writes them ("3h", "2546793246ms"); people read "29 d 11 h 26 min".
const UNIT_MS = { ms: 1, s: 1e3, m: 6e4, h: 36e5, d: 864e5, w: 6048e5 };
export function durationMs(text) {
  let ms = 0;
  for (const [, n, u] of String(text || '').matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g)) ms += Number(n) * UNIT_MS[u];
  return ms;
}
export function fmtDur(text) {
  if (!text) return '—';
  let ms = durationMs(text);
  if (ms === 0) return '0';
  const parts = [[864e5, 'd'], [36e5, 'h'], [6e4, 'min'], [1e3, 's']].map(([size, unit]) => {
    const n = Math.floor(ms / size); ms -= n * size; return n ? t(`common.unit.${unit}`, { n }) : null;
  }).filter(Boolean);
  return parts.slice(0, 3).join(' ') || t('common.unit.lessThanSecond');
}

/** An SLA figure's verdict in words (met, not met, undetermined, no target), colour only besides. */
export const verdictBadge = (verdict) => el('span', { class: `badge ${verdict === 'met' ? 'ok' : verdict === 'not-met' ? 'erl' : ''}` },
  t(`common.verdict.${verdict || 'no-target'}`));
