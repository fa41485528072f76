// What the portal's actions share: sending a change and saying the server's answer, success or the
// problem's reason, in the view's aria-live region (#cv-live) so everyone hears it.
import { $, el, problemText, request } from './core.js';
import { t } from './i18n.js';

/** Shows (and announces) an action's outcome; ok false marks it as a refusal. */
export function say(text, ok = true) {
  $('#cv-live').replaceChildren(el('p', { class: ok ? 'ok-text' : 'down' }, text));
}

/**
 * Sends a change and announces its outcome: {@code success(body)} gives the text for a 2xx answer,
 * a problem's reason is announced as it is. Returns the body on success, else null.
 */
export async function send(path, method, body, success) {
  try {
    const r = await request(path, { method, body });
    if (!r.ok) {
      say(t('portal.live.refused', { reason: await problemText(r) }), false);
      return null;
    }
    const data = r.status === 204 ? {} : await r.json().catch(() => ({}));
    say(success(data));
    return data;
  } catch (e) {
    say(t('portal.live.refused', { reason: e.message }), false);
    return null;
  }
}
