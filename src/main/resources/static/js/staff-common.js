// What the staff console's modules share: lists that may come in pages, state badges.
import { el, request, problemText } from './core.js';
import { t } from './i18n.js';

/**
 * Every item of a list endpoint, following its pages (ADR 0014: size at most 1000, the next page
 * in the Link header). An endpoint without paging answers everything at once.
 */
export async function apiAll(path) {
  let url = path + (path.includes('?') ? '&' : '?') + 'size=1000';
  const out = [];
  while (url) {
    const r = await request(url);
    if (!r.ok) throw new Error(await problemText(r));
    out.push(...(await r.json()));
    const next = /<([^>]+)>;\s*rel="next"/.exec(r.headers.get('Link') || '');
    url = next ? next[1] : null;
  }
  return out;
}

/** The board's states, problems first: the order of the board and of its counts. */
export const BOARD_STATES = ['critical', 'warning', 'unknown', 'pending', 'unchecked', 'ok'];

/**
 * A service's state as a badge with its word (never colour alone); "unchecked" is a service
 * nobody watches, shown as such and never as up.
 */
export function stateBadge(board, title) {
  const cls = { ok: 'ok', critical: 'erl', warning: 'warn', unknown: 'warn' }[board] || '';
  return el('span', { class: `badge ${cls}`, title: title || null }, t(`staff.state.${board}`));
}

/** The service types the board can filter by (dev.vakt.common.ServiceType). */
export const SERVICE_TYPES = ['ping', 'tcp', 'http', 'https', 'ssh', 'smtp', 'pop3', 'imap', 'ftp', 'ntp',
  'mysql', 'postgresql', 'dns', 'antispam', 'antivirus', 'plugin'];
