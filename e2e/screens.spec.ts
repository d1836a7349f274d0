// A screenshot of every main page in both languages (e2e/artifacts/, looked at by a person): Chinese must render and
// nothing may overlap or overflow. Each page is also checked for horizontal overflow here.
import { expect, test, type Page } from '@playwright/test';
import { login, screenshot, useLanguage } from './helpers.ts';

const LANGS = ['zh-CN', 'en-US'] as const;

async function noHorizontalOverflow(page: Page) {
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  expect(scroll).toBeLessThanOrEqual(width);
}

for (const lang of LANGS) {
  test(`public pages in ${lang}, phone and desktop`, async ({ browser }) => {
    for (const [label, viewport] of [['375', { width: 375, height: 812 }], ['desktop', { width: 1280, height: 800 }]] as const) {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      await useLanguage(page, lang);
      for (const [name, path] of [['report', '/report'], ['track', '/track'], ['login', '/login']]) {
        await page.goto(path);
        await expect(page.locator('main')).toBeVisible();
        await page.waitForLoadState('networkidle');
        await noHorizontalOverflow(page);
        await screenshot(page, `${name}-${lang}-${label}`);
      }
      await context.close();
    }
  });

  test(`staff pages in ${lang}`, async ({ page }) => {
    await useLanguage(page, lang);
    await login(page, 'supervisor');
    await page.waitForLoadState('networkidle');
    await noHorizontalOverflow(page);
    await screenshot(page, `workbench-${lang}`);
    await page.goto('/items?status=closed,replied,verified');
    await expect(page.getByTestId('ledger-table').locator('tbody tr.ant-table-row').first()).toBeVisible();
    await page.waitForLoadState('networkidle');
    await screenshot(page, `ledger-${lang}`);
    // The export link carries exactly the filters on screen, and the server answers it with a workbook.
    const href = await page.getByTestId('export-link').getAttribute('href');
    expect(new URL(href!, 'http://x').searchParams.get('status')).toBe('closed,replied,verified');
    const xlsx = await page.request.get(href!);
    expect(xlsx.status()).toBe(200);
    expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
    await page.getByTestId('ledger-table').locator('tbody tr.ant-table-row a').first().click();
    await expect(page.getByTestId('item-header')).toBeVisible();
    await page.waitForLoadState('networkidle');
    await noHorizontalOverflow(page);
    await screenshot(page, `item-${lang}`);
    await page.goto('/dashboard');
    await page.waitForLoadState('networkidle');
    await screenshot(page, `dashboard-${lang}`);
    await page.context().clearCookies();
    await login(page, 'clerk');
    await page.goto('/register');
    await expect(page.getByTestId('item-form')).toBeVisible();
    await noHorizontalOverflow(page);
    await screenshot(page, `register-${lang}`);
  });

  test(`admin, discipline and key-project pages in ${lang}`, async ({ page }) => {
    test.setTimeout(120_000);
    await useLanguage(page, lang);
    await login(page, 'admin');
    for (const tab of ['sla', 'calendar', 'districts', 'departments', 'centres', 'categories', 'projects', 'users', 'tokens']) {
      await page.goto(`/admin?tab=${tab}`);
      await expect(page.getByRole('tab', { selected: true })).toBeVisible();
      await page.waitForLoadState('networkidle');
      await expect(page.locator('main .ant-spin-spinning')).toHaveCount(0);
      await noHorizontalOverflow(page);
      await screenshot(page, `admin-${tab}-${lang}`);
    }
    // A centre's windows in their drawer, and the category tree opened one level.
    await page.goto('/admin?tab=centres');
    await page.getByTestId('centre-windows-centre-city').click();
    await expect(page.getByTestId('windows-table').locator('tbody tr.ant-table-row').first()).toBeVisible();
    await screenshot(page, `admin-windows-${lang}`);
    await page.goto('/admin?tab=categories');
    await page.getByTestId('categories-table').locator('.ant-table-row-expand-icon').first().click();
    await screenshot(page, `admin-categories-open-${lang}`);
    for (const [user, path] of [['inspector', '/discipline'], ['officer', '/projects']]) {
      await page.context().clearCookies();
      await login(page, user);
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      await noHorizontalOverflow(page);
      await screenshot(page, `${path.slice(1)}-${lang}`);
    }
    // The officer's first project on its own page: the officer and the open items.
    await page.locator('main table tbody tr.ant-table-row a').first().click();
    await expect(page.getByTestId('project-page')).toBeVisible();
    await expect(page.getByTestId('project-officer')).not.toHaveText('—');
    await page.waitForLoadState('networkidle');
    await noHorizontalOverflow(page);
    await screenshot(page, `project-${lang}`);
  });

  test(`dashboard on a 1920×1080 wall screen in ${lang}`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const page = await context.newPage();
    await useLanguage(page, lang);
    await login(page, 'supervisor');
    await page.goto('/dashboard');
    await expect(page.locator('main canvas').first()).toBeVisible();
    await page.waitForLoadState('networkidle');
    await noHorizontalOverflow(page);
    await screenshot(page, `dashboard-${lang}-1920`);
    await context.close();
  });
}

test('the language switch changes every text and is remembered', async ({ page }) => {
  await page.goto('/report');
  await expect(page.getByRole('heading', { name: '我要找茬' })).toBeVisible();
  await page.getByTestId('lang-switch').click();
  await expect(page.getByRole('heading', { name: 'Report a problem' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en-US');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Report a problem' })).toBeVisible();
});
