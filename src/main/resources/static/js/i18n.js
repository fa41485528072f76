// The pages' translations (issue 7: nb, da, sv, de, en). Texts live as data in
// /i18n/<bundle>.<lang>.json, one bundle per area of the UI, so each area's texts are kept and
// reviewed together. They are fetched next to this module, so under its version (ADR 0015).
// English is the fallback for a key a language lacks; I18nBundlesTest keeps
// every language's bundles in step with the English ones.
export const LANGUAGES = { en: 'English', nb: 'Norsk bokmål', da: 'Dansk', sv: 'Svenska', de: 'Deutsch' };
const BUNDLES = ['common', 'login', 'staff', 'portal'];
const STORE_KEY = 'vakt.lang';

let lang = 'en';
let messages = {};
let fallback = {};

/** The language to show: the one chosen on this browser, else the user's, else the browser's. */
export function preferredLanguage(accountLanguage) {
  const chosen = localStorage.getItem(STORE_KEY);
  const candidates = [chosen, accountLanguage, ...(navigator.languages || [navigator.language])]
    .filter(Boolean).map((l) => String(l).toLowerCase().replace(/^(no|nn)(-|$)/, 'nb$2').slice(0, 2));
  return candidates.find((l) => l in LANGUAGES) || 'en';
}

const loading = {};

/** A language's texts, fetched once per page however often asked for. */
function load(language) {
  loading[language] ??= Promise.all(BUNDLES.map((b) => fetch(new URL(`../i18n/${b}.${language}.json`, import.meta.url))
    .then((r) => (r.ok ? r.json() : {})).catch(() => ({}))))
    .then((parts) => Object.assign({}, ...parts));
  return loading[language];
}

/** Starts fetching a language's texts, e.g. the likely one while the session is still asked for. */
export function prefetchLanguage(language) {
  if (language in LANGUAGES) load(language);
}

/**
 * Loads the language's texts and applies them to the marked elements of {@code roots} (the whole
 * page unless told: the console's page translates only the view it shows).
 */
export async function useLanguage(language, roots = [document]) {
  lang = language in LANGUAGES ? language : 'en';
  [fallback, messages] = await Promise.all([load('en'), lang === 'en' ? null : load(lang)]);
  messages = messages || fallback;
  document.documentElement.lang = lang;
  roots.forEach(translatePage);
  return lang;
}

/** Remembers a language chosen on this browser. */
export function chooseLanguage(language) {
  localStorage.setItem(STORE_KEY, language);
}

export const currentLanguage = () => lang;

/** The BCP 47 locale for dates and numbers in the current language. */
export const locale = () => ({ nb: 'nb-NO', da: 'da-DK', sv: 'sv-SE', de: 'de-DE', en: 'en-GB' }[lang]);

/**
 * The text for a key, with {name} placeholders filled from vars. A missing key shows the key
 * itself, so a gap is visible rather than silently blank.
 */
export function t(key, vars = {}) {
  const text = messages[key] ?? fallback[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
}

/**
 * Fills elements marked data-i18n (their text), data-i18n-placeholder, data-i18n-title and
 * data-i18n-aria-label (those attributes).
 */
export function translatePage(root) {
  root.querySelectorAll('[data-i18n]').forEach((e) => { e.textContent = t(e.dataset.i18n); });
  for (const attr of ['placeholder', 'title', 'aria-label']) {
    const data = `i18n${attr.replace(/(^|-)(\w)/g, (m, d, c) => c.toUpperCase())}`;
    root.querySelectorAll(`[data-i18n-${attr}]`).forEach((e) => e.setAttribute(attr, t(e.dataset[data])));
  }
}
