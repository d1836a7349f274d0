// Shared steps of the browser flows: signing in as a demo account, switching language, saving screenshots.
import { expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const PASSWORD = 'Tingquan#2026';
const ARTIFACTS = join(import.meta.dirname, 'artifacts');

export async function login(page: Page, username: string): Promise<void> {
  await page.goto('/login');
  await page.locator('#username, input[autocomplete="username"]').first().fill(username);
  await page.locator('input[autocomplete="current-password"]').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('me-name')).toBeVisible({ timeout: 30_000 });
}

export async function logout(page: Page): Promise<void> {
  await page.context().clearCookies();
}

/** Sets the language the app remembers, before the page loads. */
export async function useLanguage(page: Page, lang: 'zh-CN' | 'en-US'): Promise<void> {
  await page.addInitScript((l) => localStorage.setItem('tingquan.lang', l), lang);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** The CSRF token of the page's session, for requests forced past the UI. */
export async function csrfOf(page: Page): Promise<string> {
  const me = await page.request.get('/api/auth/me');
  expect(me.ok()).toBe(true);
  return (await me.json()).csrfToken as string;
}

/**
 * Opens an Ant Design select and picks the option with this text (typing it first when the select is searchable).
 * A pick is checked and tried again: when the options re-render while the dropdown is open (their data arriving
 * or refreshing), a click can land on an option element that is being replaced.
 */
export async function pick(
  page: Page,
  select: ReturnType<Page['locator']>,
  option: string,
  search = false,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await select.click();
    if (search) await page.keyboard.type(option);
    // The newest open dropdown: a closing one may linger in the DOM for its animation.
    const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').last();
    await dropdown.locator('.ant-select-item-option', { hasText: option }).first().click();
    try {
      await expect(select).toContainText(option, { timeout: 3_000 });
      return;
    } catch (err) {
      if (attempt >= 3) throw err;
      await page.keyboard.press('Escape');
    }
  }
}
