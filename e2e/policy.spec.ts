// The policy pages clicked through: an enterprise uses the public calculator (eligible items with their explanations,
// what is missing, a field error for a bad code), and policy staff confirm and reject candidates of an item; the
// library leads to an item whose test panel decides live as facts change; a matching run is started and completes;
// the enterprise's consent link records its consent. Screenshots of every policy page in both languages.
// Needs the routes /policy/calculator, /policy/consent (public) and /policy, /policy/items/:id, /policy/runs,
// /policy/figures, /policy/candidates (staff) in web/src/App.tsx.
import { expect, test, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { usccCheckChar } from '../common/src/policy/uscc.ts';
import { csrfOf, login, pick, screenshot, useLanguage } from './helpers.ts';

test.describe.configure({ mode: 'serial' });

/** Picks the first option of an Ant Design select with the keyboard (robust against the dropdown's animation). */
async function chooseFirst(page: Page, id: string) {
  await page.locator(`#${id}`).click();
  await page.waitForTimeout(300);
  await page.keyboard.press('Enter');
  await page.waitForTimeout(200);
}

test('an enterprise finds out what it can get, why, how much, and what it is missing', async ({ page }) => {
  await useLanguage(page, 'zh-CN');
  await page.goto('/policy/calculator');
  await expect(page.getByRole('heading', { name: '政策计算器' })).toBeVisible();
  await page.locator('#certifications').click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '高新技术企业' })
    .first()
    .click();
  await page.keyboard.press('Escape');
  await page.locator('#hnteCertifiedOn').fill('2026-06-01');
  await page.locator('#establishedOn').fill('2019-03-01');
  await page.locator('#revenue').fill('20000000');
  await chooseFirst(page, 'dishonestListed'); // 否
  await page.getByTestId('calculate').click();

  const eligible = page.getByTestId('eligible-list');
  await expect(eligible).toContainText('高新技术企业首次认定奖励');
  await eligible.locator('.ant-collapse-header', { hasText: '高新技术企业首次认定奖励' }).click();
  const explanation = page.getByTestId('explanation-hnte-first');
  await expect(explanation).toContainText('符合');
  await expect(explanation).toContainText('150,000');
  await expect(page.getByTestId('missing-summary')).toContainText('注册地区县');
  await screenshot(page, 'policy-calculator-zh-CN');

  // A malformed industry code is shown at its field, in the user's language.
  await page.locator('#industryCode').fill('Z99');
  await page.getByTestId('calculate').click();
  await expect(page.locator('.ant-form-item-explain-error')).toContainText('国民经济行业代码');
});

test('policy staff read the failure counts and confirm or reject candidates', async ({ page }) => {
  await useLanguage(page, 'zh-CN');
  await login(page, 'policy');
  // The demo's first synchronous run covers every 20th item in id order, starting with the first.
  const items = (await (await page.request.get('/api/policy/items?pageSize=200')).json()) as {
    items: { id: string }[];
  };
  const itemId = items.items.map((i) => i.id).sort()[0];
  await page.goto(`/policy/candidates?item=${itemId}`);
  await expect(page.getByTestId('failure-counts')).toContainText('20,000');
  const confirm = page.locator('button[data-testid^="confirm-"]:not([data-testid="confirm-selected"])');
  await expect(confirm.first()).toBeVisible();
  await expect(page.locator('.ant-spin-spinning')).toHaveCount(0);
  const confirmedId = await confirm.first().getAttribute('data-testid');
  await confirm.first().click();
  await expect(page.getByTestId('decision-summary')).toHaveText('已处理 1 条，失败 0 条');
  // It leaves the list of candidates still to confirm.
  await expect(page.getByTestId(confirmedId!)).toHaveCount(0);

  const rejectRow = page
    .getByTestId('candidate-table')
    .locator('.ant-table-row')
    .filter({ has: page.locator('button[data-testid^="reject-"]') })
    .first();
  const rejectedUscc = (await rejectRow.locator('td').nth(3).innerText()).trim();
  await expect(page.locator('.ant-spin-spinning')).toHaveCount(0);
  await rejectRow.locator('button[data-testid^="reject-"]').click();
  await page.getByTestId('reject-reason').fill('企业已享受同类政策');
  await page.getByTestId('reject-ok').click();
  await expect(page.getByTestId('decision-summary')).toHaveText('已处理 1 条，失败 0 条');
  await screenshot(page, 'policy-candidates-zh-CN');

  await page.getByTestId('status-filter').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '不予兑现' }).first().click();
  await expect(page.getByTestId('candidate-table')).toContainText(rejectedUscc);
});

test('the library leads to an item whose test panel decides live as the facts change, and validation names the cell', async ({
  page,
}) => {
  await useLanguage(page, 'zh-CN');
  await login(page, 'policy');
  await page.getByRole('menuitem', { name: '政策库' }).click();
  await expect(page.getByRole('heading', { name: '政策库' })).toBeVisible();
  await page.getByPlaceholder('按名称或编号搜索').fill('瞪羚');
  await page.getByPlaceholder('按名称或编号搜索').press('Enter');
  await expect(page.getByTestId('library-items').locator('tbody tr.ant-table-row')).toHaveCount(1);
  await page.getByTestId('library-items').getByRole('link', { name: '瞪羚企业奖励' }).click();
  await expect(page.getByTestId('policy-item-title')).toHaveText('瞪羚企业奖励');
  // The published version is frozen: its cells are text, not inputs.
  await page.locator('.ant-segmented').getByText('v1', { exact: true }).click();
  await expect(page.getByTestId('rule-editor').locator('input')).toHaveCount(0);
  await page.locator('.ant-segmented').getByText('草稿', { exact: true }).click();
  await expect(page.locator('input[data-testid="cell-1-growth"]')).toHaveValue('>= 20%');

  // Facts typed into the test panel are decided at once: growth 10% fails the 20% threshold, 25% passes.
  const panel = page.getByTestId('test-panel');
  await pick(
    page,
    panel
      .locator('.ant-form-item')
      .filter({ has: page.locator('#certifications') })
      .locator('.ant-select')
      .first(),
    '瞪羚企业',
  );
  await page.keyboard.press('Escape');
  await pick(
    page,
    panel
      .locator('.ant-form-item')
      .filter({ has: page.locator('#dishonestListed') })
      .locator('.ant-select')
      .first(),
    '否',
  );
  await panel.locator('#revenueGrowth').fill('10');
  await expect(page.getByTestId('test-status')).toHaveText('不符合');
  const growthRow = page.getByTestId('explanation-gazelle').locator('tr', { hasText: '10%' });
  await expect(growthRow).toContainText('不符合');
  await expect(page.getByTestId('explanation-gazelle')).toContainText('最接近的差距');
  await panel.locator('#revenueGrowth').fill('25');
  await expect(page.getByTestId('test-status')).toHaveText('符合');
  await expect(page.getByTestId('explanation-gazelle').locator('tr', { hasText: '25%' })).toContainText('符合');
  await expect(page.getByTestId('test-result')).toContainText('300,000');

  // The draft is what the panel tests: raising the threshold to 30% makes the same enterprise fail again.
  await page.locator('input[data-testid="cell-1-growth"]').fill('>= 30%');
  await expect(page.getByTestId('test-status')).toHaveText('不符合');
  // A malformed cell: the server's message is shown at that cell, naming its row and column.
  await page.locator('input[data-testid="cell-1-growth"]').fill('>= lots');
  await page.getByTestId('validate-rule').click();
  await expect(page.getByTestId('cell-1-growth-issue')).toContainText('row 1');
  await expect(page.getByTestId('cell-1-growth-issue')).toContainText('growth');
  // The kind of problem is said in the reader's language; the engine's detail follows.
  await expect(page.getByTestId('cell-1-growth-issue')).toContainText('单元格');
  await expect(page.locator('input[data-testid="cell-1-growth"]')).toHaveAttribute('aria-invalid', 'true');
  await screenshot(page, 'policy-item-zh-CN');

  // Corrected and published as version 2 from a date: frozen at once, version 1 untouched.
  await page.locator('input[data-testid="cell-1-growth"]').fill('>= 30%');
  // An unpublished draft survives a reload of the page.
  await page.reload();
  await expect(page.getByTestId('draft-restored')).toBeVisible();
  await expect(page.locator('input[data-testid="cell-1-growth"]')).toHaveValue('>= 30%');
  await page.getByTestId('validate-rule').click();
  await expect(page.getByTestId('rule-valid')).toBeVisible();
  await page.getByTestId('publish-rule').click();
  await page.getByTestId('publish-effective').fill('2026-12-01');
  await page.getByTestId('publish-ok').click();
  await expect(page.locator('.ant-segmented')).toContainText('v2');
  await expect(page.getByTestId('rule-section')).toContainText('2026-12-01');
  await expect(page.getByTestId('rule-editor').locator('input')).toHaveCount(0);
  await expect(page.getByTestId('cell-1-growth')).toHaveText('>= 30%');
  await page.locator('.ant-segmented').getByText('v1', { exact: true }).click();
  await expect(page.getByTestId('cell-1-growth')).toHaveText('>= 20%');
});

/** A valid 统一社会信用代码 that no demo enterprise has. */
function freshUscc(): string {
  const body = `91210103${String(Date.now()).slice(-9)}`.slice(0, 17);
  return body + usccCheckChar(body);
}

/** The browser tests' database (see playwright.config.ts: named after the runner's process, this worker's parent). */
function e2eDatabase(): Database.Database {
  const path = join(tmpdir(), `tq-e2e-${process.ppid}.db`);
  if (!existsSync(path)) throw new Error(`the browser tests' database ${path} is not there`);
  return new Database(path, { readonly: true, fileMustExist: true });
}

test('a matching run is started and completes, and the enterprise consents through the link it was sent', async ({
  page,
}) => {
  await useLanguage(page, 'zh-CN');
  await login(page, 'policy');
  const csrf = await csrfOf(page);
  // An enterprise with a phone on file (the demo's have none, so they get no text message): imported from a CSV.
  const uscc = freshUscc();
  const name = `浏览器测试瞪羚企业${uscc.slice(-6)}`;
  const phone = '13912345678';
  const csv = `统一社会信用代码,企业名称,联系电话,certifications,revenueGrowth,dishonestListed,taxCreditGrade\n${uscc},${name},${phone},瞪羚企业,0.35,false,A\n`;
  const imported = await page.request.post('/api/policy/enterprises/import?asOf=2026-01-05', {
    headers: { 'x-csrf-token': csrf },
    multipart: { file: { name: 'e2e.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') } },
  });
  expect(imported.status(), await imported.text()).toBe(200);
  expect((await imported.json()).imported).toBe(1);

  // The run: one enterprise, as of a date no other run used, so its candidate is easy to find.
  const asOf = '2026-01-06';
  await page.getByRole('menuitem', { name: '匹配测算' }).click();
  await page.getByText('单个企业', { exact: true }).click();
  await pick(page, page.getByTestId('run-enterprise'), name, true);
  await page.locator('input[type="date"]').first().fill(asOf);
  await page.getByTestId('start-run').click();
  await expect(page.getByTestId('run-status')).toHaveText('已完成', { timeout: 60_000 });
  await expect(page.getByTestId('current-run')).toContainText('1 / 1');
  await expect(page.getByTestId('current-run').locator('.ant-progress')).toHaveAttribute('aria-valuenow', '100');
  await expect(page.getByTestId('run-history')).toContainText('单个企业');
  await screenshot(page, 'policy-runs-zh-CN');

  // Its candidate of 瞪羚企业奖励 is confirmed, then notified from the item's delivery tab.
  const list = await (await page.request.get(`/api/policy/items/gazelle/candidates?asOf=${asOf}`)).json();
  const candidate = (list.items as { id: string; enterprise: { uscc: string } }[]).find(
    (c) => c.enterprise.uscc === uscc,
  );
  expect(candidate, 'the run made the enterprise a candidate of 瞪羚企业奖励').toBeTruthy();
  const confirmed = await page.request.post(`/api/policy/candidates/${candidate!.id}/confirm`, {
    headers: { 'x-csrf-token': csrf },
    data: {},
  });
  expect(confirmed.status()).toBe(200);
  await page.goto('/policy/items/gazelle?tab=delivery');
  await pick(page, page.getByTestId('delivery-status-filter'), '已确认');
  await expect(page.getByTestId(`notify-${candidate!.id}`)).toBeVisible();
  await page.getByTestId(`notify-${candidate!.id}`).click();
  await expect(page.getByTestId('delivery-summary')).toContainText('已告知');
  await screenshot(page, 'policy-delivery-zh-CN');

  // The text message carries the one-click link; the enterprise opens it with no account.
  const db = e2eDatabase();
  const row = db
    .prepare(`SELECT payload FROM outbox WHERE channel = 'sms' AND recipient = ? ORDER BY created_at DESC LIMIT 1`)
    .get(phone) as { payload: string } | undefined;
  db.close();
  const link = /https?:\/\/[^\s]*\/policy\/consent\?token=[\w-]+|\/policy\/consent\?token=[\w-]+/.exec(
    JSON.parse(row!.payload).text as string,
  )?.[0];
  expect(link, 'the SMS holds the consent link').toBeTruthy();
  await page.context().clearCookies();
  await page.goto(link!.slice(link!.indexOf('/policy/consent')));
  await expect(page.getByTestId('consent-offer')).toBeVisible();
  // Before the click the link shows what it is for and why: the item, the amount and the explanation.
  await expect(page.getByTestId('consent-preview')).toContainText('瞪羚企业奖励');
  await expect(page.getByTestId('consent-preview')).toContainText(name);
  await expect(page.getByTestId('consent-preview').locator('[data-testid^="explanation-"]')).toBeVisible();
  await screenshot(page, 'policy-consent-zh-CN');
  await page.getByTestId('consent-button').click();
  await expect(page.getByTestId('consent-done')).toContainText(name);
  await expect(page.getByTestId('consent-done')).toContainText('瞪羚企业奖励');
  await expect(page.getByTestId('consent-done')).toContainText('企业已确认');
  // Recorded: the staff see the candidate consented, and the link cannot be used twice.
  await login(page, 'policy');
  const after = await (await page.request.get(`/api/policy/candidates/${candidate!.id}`)).json();
  expect(after.status).toBe('consented');
  expect((after.history as { action: string }[]).map((h) => h.action)).toEqual(
    expect.arrayContaining(['confirm', 'notify', 'consent']),
  );
  await page.context().clearCookies();
  await page.goto(link!.slice(link!.indexOf('/policy/consent')));
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page.getByTestId('consent-button')).toHaveCount(0);
});

for (const lang of ['zh-CN', 'en-US'] as const) {
  test(`policy staff pages in ${lang}: no horizontal overflow`, async ({ page }) => {
    await useLanguage(page, lang);
    await login(page, 'policy');
    // The demo's first run covered the first item in id order and took some of its candidates through delivery.
    const items = (await (await page.request.get('/api/policy/items?pageSize=200')).json()) as {
      items: { id: string }[];
    };
    const delivered = items.items.map((i) => i.id).sort()[0];
    for (const [name, path] of [
      ['library', '/policy'],
      ['item', '/policy/items/tsme-rd'],
      ['delivery', `/policy/items/${delivered}?tab=delivery`],
      ['runs', '/policy/runs'],
      ['figures', '/policy/figures'],
      ['candidates', '/policy/candidates'],
    ]) {
      await page.goto(path);
      await expect(page.locator('main h3').first()).toBeVisible();
      await page.waitForLoadState('networkidle');
      const { scroll, width } = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        width: window.innerWidth,
      }));
      expect(scroll, `${path} is wider than the window`).toBeLessThanOrEqual(width);
      await screenshot(page, `policy-${name}-page-${lang}`);
    }
    await page.context().clearCookies();
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto('/policy/consent?token=not-a-real-token-0000');
    await expect(page.getByTestId('consent-offer')).toBeVisible();
    await page.getByTestId('complain-link').click();
    await expect(page.getByTestId('complaint-form')).toBeVisible();
    await page.waitForLoadState('networkidle');
    await screenshot(page, `policy-consent-page-${lang}-375`);
  });
}
