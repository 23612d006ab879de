/**
 * i18next over `locales/<lng>/<namespace>.json`: Vietnamese first, English second. Every user-visible string
 * lives there; code refers to keys as `namespace:key`.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import i18next, { type i18n, type TOptions } from "i18next";

export type Locale = "vi" | "en";
export const LOCALES: readonly Locale[] = ["vi", "en"];

/** A translate function bound to one language. */
export type Translate = (key: string, options?: TOptions) => string;

export const LOCALES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../locales");

/** Reads every `locales/<lng>/*.json` file: `{ vi: { common: {...}, help: {...} }, en: {...} }`. */
export function readLocaleResources(dir = LOCALES_DIR): Record<string, Record<string, unknown>> {
  const resources: Record<string, Record<string, unknown>> = {};
  for (const lng of LOCALES) {
    resources[lng] = {};
    for (const file of readdirSync(join(dir, lng)).filter((f) => f.endsWith(".json"))) {
      resources[lng][file.slice(0, -5)] = JSON.parse(readFileSync(join(dir, lng, file), "utf8"));
    }
  }
  return resources;
}

export interface I18n {
  readonly instance: i18n;
  readonly defaultLocale: Locale;
  /** A translator for `locale` (falls back to the default locale, then Vietnamese). */
  t(locale?: string | null): Translate;
}

/** Creates an isolated i18next instance (no global state), initialised synchronously. */
export function createI18n(defaultLocale: Locale = "vi", dir = LOCALES_DIR): I18n {
  const resources = readLocaleResources(dir);
  const instance = i18next.createInstance();
  void instance.init({
    resources: resources as never,
    lng: defaultLocale,
    fallbackLng: [defaultLocale, "vi"],
    ns: Object.keys(resources.vi ?? {}),
    defaultNS: "common",
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  } as never);
  const cache = new Map<string, Translate>();
  return {
    instance,
    defaultLocale,
    t(locale) {
      const lng = locale && (LOCALES as readonly string[]).includes(locale) ? locale : defaultLocale;
      let fn = cache.get(lng);
      if (!fn) {
        fn = instance.getFixedT(lng) as unknown as Translate;
        cache.set(lng, fn);
      }
      return fn;
    },
  };
}
