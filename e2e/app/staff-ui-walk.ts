import { expect, type Page } from '@playwright/test';
import { resources } from '../../renderer/src/i18n/resources';

/**
 * Helpers for walking every screen of the staff UI: the routes as the
 * navigation (built from the router's page list) offers them to a role,
 * and the English texts that must not show once the UI is in Spanish.
 */

type Tree = { readonly [key: string]: string | Tree };
function flatten(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [[prefix + key, value] as [string, string]] : flatten(value, `${prefix}${key}.`),
  );
}
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** English catalogue texts whose Spanish differs, as matchers for a whole text node (placeholders match anything). */
export function englishOnlyTexts(): { exact: Set<string>; patterns: RegExp[] } {
  const es = new Map(Object.entries(resources.es).flatMap(([ns, tree]) => flatten(tree as Tree, `${ns}:`)));
  const exact = new Set<string>();
  const patterns: RegExp[] = [];
  for (const [key, english] of Object.entries(resources.en).flatMap(([ns, tree]) => flatten(tree as Tree, `${ns}:`))) {
    if (es.get(key) === english) continue;
    if (/<\w+>/.test(english)) continue; // markup: its pieces are checked as the nodes they become
    if (/\{\{/.test(english)) {
      const parts = english.split(/\{\{\s*\w+\s*\}\}/).map((part) => escape(part.trim()));
      // A pattern made only of placeholders would match anything.
      if (parts.join('').replace(/\W/g, '').length < 4) continue;
      patterns.push(new RegExp(`^${parts.join('.+?')}$`, 's'));
    } else exact.add(english.trim());
  }
  return { exact, patterns };
}

/** Every visible text node and text attribute of the page, except what is marked as English on purpose (lang="en"). */
// Runs in the page; kept as source text because this file compiles without DOM types.
const collectVisibleTexts = `(() => {
  const out = [document.title];
  const english = (el) => Boolean(el && el.closest('[lang="en"]:not(html)'));
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = (node.textContent || '').replace(/\\s+/g, ' ').trim();
    const parent = node.parentElement;
    if (!text || !parent || english(parent)) continue;
    // An <option> is never "visible" to checkVisibility; its <select> is.
    const select = parent.closest('select');
    const shown = select ? select.checkVisibility() : parent.checkVisibility({ visibilityProperty: true });
    if (shown) out.push(text);
  }
  for (const el of document.body.querySelectorAll('[aria-label], [placeholder], [title], img[alt]')) {
    if (english(el) || !el.checkVisibility()) continue;
    for (const name of ['aria-label', 'placeholder', 'title', 'alt']) {
      const value = (el.getAttribute(name) || '').trim();
      if (value) out.push(value);
    }
  }
  return out;
})()`;

/** Every visible text node and text attribute of the page, except what is marked as English on purpose (lang="en"). */
export async function visibleTexts(page: Page): Promise<string[]> {
  return (await page.evaluate(collectVisibleTexts)) as string[];
}

/** Fails with the English texts found on screen. */
export async function expectNoEnglish(page: Page, screen: string): Promise<void> {
  const { exact, patterns } = englishOnlyTexts();
  const texts = await visibleTexts(page);
  const english = [...new Set(texts.filter((text) => exact.has(text) || patterns.some((pattern) => pattern.test(text))))];
  if (process.env.WALK_SUSPECTS) {
    // For finding texts not in any catalogue yet: sentences with common English words.
    const suspects = texts.filter((text) => /\b(the|and|your|is|of|to|no|not|for|with|this)\b/i.test(text) && !/\b(de|la|el|los|las|es|su|para|con)\b/.test(text));
    if (suspects.length) console.log(`SUSPECT ${screen}: ${JSON.stringify([...new Set(suspects)])}`);
  }
  // Soft: one walk lists every screen's English, not only the first.
  expect.soft(english, `English texts on the ${screen} screen in Spanish`).toEqual([]);
}

/** Once a screen's data has arrived: its heading shows and nothing says it is still loading. */
export async function screenSettled(page: Page): Promise<void> {
  await expect(page.locator('main h1').first()).toBeVisible();
  await expect(page.locator('main [aria-busy="true"]')).toHaveCount(0);
  await expect(page.locator('main')).not.toContainText(/Loading|Cargando/);
}

/** The routes the navigation offers this role, as (href, link text). */
export async function navigationRoutes(page: Page): Promise<{ href: string; name: string }[]> {
  const links = page.locator('nav.main-nav a');
  await expect(links.first()).toBeVisible();
  return links.evaluateAll((anchors) => anchors.map((a) => ({ href: a.getAttribute('href') ?? '', name: a.textContent?.trim() ?? '' })));
}

/** Choose a language or theme from the header's Account menu. */
export async function chooseInAccountMenu(page: Page, field: string, value: string): Promise<void> {
  // Found by place, not name: its name changes with the language chosen.
  const button = page.locator('.account-menu > button');
  await button.click();
  await page.getByRole('group').getByLabel(field, { exact: true }).selectOption(value);
  await page.keyboard.press('Escape');
  await expect(button).toHaveAttribute('aria-expanded', 'false');
}
