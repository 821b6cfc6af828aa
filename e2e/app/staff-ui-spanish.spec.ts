import type { Page } from '@playwright/test';
import { callHost, expectAccessible, openApp, signIn, snapshot } from './fixtures';
import { demoPassword, expect, test } from './audit-export-practice';
import { chooseInAccountMenu, expectNoEnglish, navigationRoutes, screenSettled } from './staff-ui-walk';

const roles = [
  { username: 'admin', name: 'Dana Whitfield', role: 'Administrador' },
  { username: 'frontdesk', name: 'Marisol Ortega', role: 'Recepción' },
  { username: 'marketing', name: 'Theo Lindqvist', role: 'Marketing' },
] as const;

async function signInInSpanish(page: Page, username: string): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Iniciar sesión', level: 1 })).toBeVisible();
  await page.getByLabel('Usuario', { exact: true }).fill(username);
  await page.getByLabel('Contraseña', { exact: true }).fill(demoPassword);
  await page.getByRole('button', { name: 'Iniciar sesión' }).click();
  await expect(page.getByRole('heading', { name: 'Inicio', level: 1 })).toBeVisible();
}

/** Every route the role's navigation offers, then the help of each: no English catalogue text, and axe clean. */
async function walkEveryScreen(page: Page, who: string): Promise<number> {
  const routes = await navigationRoutes(page);
  expect(routes.length).toBeGreaterThan(2);
  for (const { href, name } of routes) {
    await page.locator('nav.main-nav').getByRole('link', { name, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`${href.replace(/[/#]/g, '\\$&')}$`));
    await screenSettled(page);
    await expectNoEnglish(page, `${name} (${who})`);
    await expectAccessible(page, `${name} (${who}, Spanish)`);

    await page.keyboard.press('F1');
    const help = page.getByRole('dialog', { name: `Ayuda: ${name}` });
    await expect(help).toBeVisible();
    await expectNoEnglish(page, `help of ${name} (${who})`);
    await page.keyboard.press('Escape');
    await expect(help).toHaveCount(0);
  }
  return routes.length;
}

test('a staff member switched to Spanish sees every screen of every role in Spanish, and axe finds nothing', async ({ page, host }, testInfo) => {
  test.setTimeout(300_000);
  await openApp(page, host);
  await signIn(page, 'admin', demoPassword);

  // The switch is in the Account menu, and the choice is the staff member's own.
  await chooseInAccountMenu(page, 'Language', 'es');
  await expect(page.getByRole('heading', { name: 'Inicio', level: 1 })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(page.getByRole('banner')).toContainText(`Sesión de ${roles[0].name} (Administrador)`);
  const audited = await callHost(host, 'audit.list', { action: 'session.preferences_changed' });
  expect(audited.body.ok && audited.body.value.events.map((event) => event.detail)).toEqual(['language: es']);
  await snapshot(page, testInfo, 'home-admin-es');

  const visited: Record<string, number> = {};
  for (const [index, who] of roles.entries()) {
    if (index > 0) {
      // Signed out, the screen keeps this workstation's last language.
      await page.getByRole('button', { name: 'Cerrar sesión' }).click();
      await signInInSpanish(page, who.username);
      await expect(page.getByRole('banner')).toContainText(`Sesión de ${who.name} (${who.role})`);
    }
    visited[who.username] = await walkEveryScreen(page, who.username);
  }
  // Words the shared rule and the backend make, not only the screens' own: the posts the consent no longer covers, with their reasons.
  await page.locator('nav.main-nav').getByRole('link', { name: 'Publicaciones', exact: true }).click();
  await page.getByRole('checkbox', { name: 'Solo las publicaciones que su consentimiento no cubre' }).check();
  const uncovered = page.getByRole('table', { name: /^Publicaciones/ }).locator('.verdict-short-reasons li');
  await expect(uncovered.first()).toBeVisible();
  await expectNoEnglish(page, 'posts not covered (marketing)');
  const listed = await callHost(host, 'posts.page', { uncoveredOnly: true, limit: 1 });
  const postId = listed.body.ok ? listed.body.value.rows[0]!.id : '';
  await page.goto(`${host.origin}/#/posts?post=${postId}`);
  const reasons = page.getByRole('complementary', { name: '¿Se puede publicar esto?' }).locator('.verdict-reasons li');
  await expect(reasons.first()).toBeVisible();
  await screenSettled(page);
  await expectNoEnglish(page, 'a post with reasons (marketing)');
  await expectAccessible(page, 'a post with reasons (marketing, Spanish)');

  // Texts that appear only after an action: a form's own validation messages and an outcome message.
  await page.goto(`${host.origin}/#/posts?post=new`);
  await expect(page.getByRole('heading', { name: 'Nueva publicación', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Guardar el borrador' }).click();
  const fieldErrors = page.locator('main .field-error');
  await expect(fieldErrors.filter({ hasText: 'Elija un testimonio.' })).toBeVisible();
  await expect(fieldErrors.filter({ hasText: 'Elija dónde aparecerá la publicación.' })).toBeVisible();
  await expectNoEnglish(page, 'a new post refused by its form (marketing)');
  await page.goto(`${host.origin}/#/account`);
  await expect(page.getByRole('heading', { name: 'Mi cuenta', level: 1 })).toBeVisible();
  const newPassword = 'copper lantern orchard meadow';
  await page.getByLabel('Contraseña actual', { exact: true }).fill(demoPassword);
  await page.getByLabel('Contraseña nueva', { exact: true }).fill(newPassword);
  await page.getByLabel('Confirme la contraseña nueva', { exact: true }).fill(`${newPassword} 2`);
  await page.getByRole('button', { name: 'Cambiar la contraseña' }).click();
  await expect(page.locator('main .field-error').filter({ hasText: 'No coincide con la contraseña de arriba.' })).toBeVisible();
  await expectNoEnglish(page, 'a password change refused by its form (marketing)');
  await page.getByLabel('Confirme la contraseña nueva', { exact: true }).fill(newPassword);
  await page.getByRole('button', { name: 'Cambiar la contraseña' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Su contraseña ha cambiado. Use la nueva la próxima vez que inicie sesión.' })).toBeVisible();
  await expectNoEnglish(page, 'a password changed (marketing)');
  await expectAccessible(page, 'a password changed (marketing, Spanish)');

  // Pages no role's navigation reaches: an unknown address, and one the role may not open.
  await page.goto(`${host.origin}/#/no-such-page`);
  await expect(page.getByRole('heading', { name: 'Página no encontrada', level: 1 })).toBeVisible();
  await expectNoEnglish(page, 'page not found');
  await page.goto(`${host.origin}/#/staff`);
  await expect(page.getByRole('heading', { name: 'No permitido', level: 1 })).toBeVisible();
  await expect(page.getByText('Su rol (Marketing) no le permite gestionar las cuentas del personal.')).toBeVisible();
  await expectNoEnglish(page, 'not allowed');
  await expectAccessible(page, 'not allowed (Spanish)');
  testInfo.annotations.push({ type: 'screens walked', description: JSON.stringify(visited) });

  // The administrator's choice came back with their session; the sign-in screen followed the workstation.
  await page.getByRole('button', { name: 'Cerrar sesión' }).click();
  await page.evaluate('window.localStorage.clear()');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Sign in', level: 1 })).toBeVisible();
  await page.getByLabel('Username', { exact: true }).fill('admin');
  await page.getByLabel('Password', { exact: true }).fill(demoPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Inicio', level: 1 })).toBeVisible();
});
