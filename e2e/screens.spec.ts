// A screenshot of every main page in both languages (e2e/artifacts/, looked at by a person): Chinese must render and
// nothing may overlap or overflow. Each page is also checked for horizontal overflow here.
import { expect, test, type Page } from '@playwright/test';
import { login, screenshot, useLanguage } from './helpers.ts';

const LANGS = ['zh-CN', 'en-US'] as const;

async function noHorizontalOverflow(page: Page) {
  const { scroll, width } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    width: window.innerWidth,
  }));
  expect(scroll).toBeLessThanOrEqual(width);
}

/** The wall screen fits the viewport: the document does not scroll, and every card holds what it shows. */
async function wallFits(page: Page) {
  const size = await page.evaluate(() => ({
    height: document.scrollingElement!.scrollHeight,
    width: document.scrollingElement!.scrollWidth,
  }));
  expect(size.height).toBeLessThanOrEqual(page.viewportSize()!.height);
  expect(size.width).toBeLessThanOrEqual(page.viewportSize()!.width);
  // Every card and its body holds what it shows, and every card lies inside the screen.
  const overflowing = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[data-wall-card], [data-wall-body]')]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return (
          el.scrollHeight > el.clientHeight ||
          el.scrollWidth > el.clientWidth ||
          r.bottom > window.innerHeight ||
          r.right > window.innerWidth
        );
      })
      .map((el) => (el.closest('[data-wall-card]')?.querySelector('h2') ?? el).textContent?.slice(0, 40)),
  );
  expect(overflowing).toEqual([]);
}

for (const lang of LANGS) {
  test(`public pages in ${lang}, phone and desktop`, async ({ browser }) => {
    for (const [label, viewport] of [
      ['375', { width: 375, height: 812 }],
      ['desktop', { width: 1280, height: 800 }],
    ] as const) {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      await useLanguage(page, lang);
      for (const [name, path] of [
        ['report', '/report'],
        ['track', '/track'],
        ['login', '/login'],
      ]) {
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
    for (const tab of [
      'sla',
      'calendar',
      'districts',
      'departments',
      'centres',
      'categories',
      'projects',
      'users',
      'tokens',
    ]) {
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
    for (const [user, path] of [
      ['inspector', '/discipline'],
      ['officer', '/projects'],
    ]) {
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

  test(`wall-screen mode (大屏) fits 1920×1080 and 1366×768 without scrolling in ${lang}`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const page = await context.newPage();
    await useLanguage(page, lang);
    await page.clock.install();
    await login(page, 'dispatcher');
    // A wall PC opens the address directly.
    await page.goto('/dashboard?wall=1');
    const wall = page.getByTestId('dashboard-wall');
    // Trend and breakdown always draw; overdue by district draws when something is overdue.
    await expect(wall.locator('canvas').nth(1)).toBeVisible();
    await expect(page.getByTestId('wall-league').locator('li').first()).toBeVisible();
    await expect(page.getByTestId('wall-hotspots').locator('li').first()).toBeVisible();
    await page.waitForLoadState('networkidle');
    await expect(page.getByTestId('wall-refreshed')).toContainText(/\d{2}:\d{2}:\d{2}/);
    // A minute later the wall asks for its figures again by itself.
    const again = page.waitForRequest((r) => r.url().includes('/api/stats/summary'));
    await page.clock.fastForward(61_000);
    await again;
    await expect(page.getByTestId('wall-scope')).toContainText(lang === 'zh-CN' ? '全市' : 'Whole city');
    // Over the staff frame: the top-left corner, where the navigation was, belongs to the wall.
    expect(
      await page.evaluate(() => !!document.elementFromPoint(8, 8)?.closest('[data-testid="dashboard-wall"]')),
    ).toBe(true);
    await screenshot(page, `dashboard-wall-${lang}-1920`);
    await wallFits(page);
    expect(await page.locator('[data-wall-card]').count()).toBeGreaterThanOrEqual(17);
    // On a 1366×768 laptop the wall shrinks with the screen and still fits.
    await page.setViewportSize({ width: 1366, height: 768 });
    await expect
      .poll(() => page.evaluate(() => document.querySelector('[data-wall-card]')!.getBoundingClientRect().height))
      .toBeLessThan(80);
    await screenshot(page, `dashboard-wall-${lang}-1366`);
    await wallFits(page);
    // Leaving the wall mode drops ?wall=1 and shows the dashboard in the staff frame again.
    await page.getByTestId('wall-exit').click();
    await expect(wall).toBeHidden();
    expect(new URL(page.url()).searchParams.has('wall')).toBe(false);
    await expect(page.getByTestId('wall-enter')).toBeVisible();
    // The laptop view keeps working at 1366×768: no sideways scrolling.
    await expect(page.locator('main canvas').first()).toBeVisible();
    await page.waitForLoadState('networkidle');
    await noHorizontalOverflow(page);
    await screenshot(page, `dashboard-${lang}-1366`);
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
