import { describe, expect, it } from 'vitest';
import { resources } from './resources';

// Vite reads every source file as text at build time (no Node.js APIs in the renderer's tests).
declare global {
  interface ImportMeta {
    glob(pattern: string | string[], options: { query: '?raw'; import: 'default'; eager: true }): Record<string, string>;
  }
}
const sources = import.meta.glob(['../**/*.ts', '../**/*.tsx', '!../**/*.test.ts', '!../**/*.test.tsx', '!./en/**', '!./es/**'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

type Tree = { readonly [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const catalogues = Object.fromEntries(
  Object.entries(resources).map(([language, namespaces]) => [
    language,
    new Map(Object.entries(namespaces as Record<string, Tree>).flatMap(([ns, tree]) => [...flatten(tree)].map(([k, v]) => [`${ns}:${k}`, v] as const))),
  ]),
) as Record<keyof typeof resources, Map<string, string>>;

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}|<(\w+)>/g)].map((m) => m[0].replace(/\s/g, '')).sort();

/** Whether a full key (ns:path) names text, directly or through its plural forms. */
function exists(catalogue: Map<string, string>, key: string): boolean {
  return catalogue.has(key) || catalogue.has(`${key}_other`);
}
/** Whether a key prefix built at run time (`pages.${x}`) names a group of texts. */
function prefixExists(catalogue: Map<string, string>, prefix: string): boolean {
  return [...catalogue.keys()].some((key) => key.startsWith(prefix));
}

interface KeyUse {
  file: string;
  key: string;
  dynamic: boolean;
}

/** Every translation key the source uses: t('…'), t(`…${x}`), i18nKey="…", resolved against the file's namespaces. */
function keysUsed(): { uses: KeyUse[]; unresolved: KeyUse[] } {
  const uses: KeyUse[] = [];
  const unresolved: KeyUse[] = [];
  for (const [file, text] of Object.entries(sources)) {
    const namespaces = [...text.matchAll(/useTranslation\(\s*(?:'([\w-]+)'|\[\s*'([\w-]+)')/g)].map((m) => m[1] ?? m[2]!);
    const found: { key: string; dynamic: boolean }[] = [];
    for (const m of text.matchAll(/\bt\(\s*(['"])([^'"]+)\1/g)) found.push({ key: m[2]!, dynamic: false });
    for (const m of text.matchAll(/\bt\(\s*`([^`$]*)\$\{/g)) found.push({ key: m[1]!, dynamic: true });
    for (const m of text.matchAll(/\bt\(\s*`([^`$]+)`/g)) found.push({ key: m[1]!, dynamic: false });
    for (const m of text.matchAll(/i18nKey=["']([^"']+)["']/g)) found.push({ key: m[1]!, dynamic: false });
    for (const { key, dynamic } of found) {
      const candidates = key.includes(':') ? [key] : (namespaces.length ? namespaces : ['common']).map((ns) => `${ns}:${key}`);
      const hit = candidates.find((full) =>
        Object.values(catalogues).every((catalogue) => (dynamic ? prefixExists(catalogue, full) : exists(catalogue, full))),
      );
      if (hit) uses.push({ file, key: hit, dynamic });
      else unresolved.push({ file, key, dynamic });
    }
  }
  return { uses, unresolved };
}

describe('the staff UI’s message catalogues', () => {
  it('has every English key in Spanish and no key Spanish alone has', () => {
    const en = [...catalogues.en.keys()].sort();
    const es = [...catalogues.es.keys()].sort();
    expect(es.filter((key) => !catalogues.en.has(key))).toEqual([]);
    expect(en.filter((key) => !catalogues.es.has(key))).toEqual([]);
    expect(en.length).toBeGreaterThan(100);
  });

  it('has no empty text, and the same placeholders and markup in both languages', () => {
    for (const [key, english] of catalogues.en) {
      const spanish = catalogues.es.get(key) ?? '';
      expect(english.trim(), key).not.toBe('');
      expect(spanish.trim(), key).not.toBe('');
      expect(placeholders(spanish), key).toEqual(placeholders(english));
    }
  });

  it('writes plurals as _one and _other pairs (no "1 minutes")', () => {
    for (const catalogue of Object.values(catalogues)) {
      for (const key of catalogue.keys()) {
        if (key.endsWith('_one')) expect(catalogue.has(key.replace(/_one$/, '_other')), key).toBe(true);
        if (key.endsWith('_other')) expect(catalogue.has(key.replace(/_other$/, '_one')), key).toBe(true);
      }
    }
  });

  it('finds every key the source uses in both languages', () => {
    const { uses, unresolved } = keysUsed();
    expect(unresolved).toEqual([]);
    // The scan itself must see the source: the shell alone uses dozens of keys.
    expect(uses.length).toBeGreaterThan(40);
    expect(Object.keys(sources).length).toBeGreaterThan(100);
  });
});
