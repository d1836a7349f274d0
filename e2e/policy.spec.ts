// The policy pages clicked through: an enterprise uses the public calculator (eligible items with their explanations,
// what is missing, a field error for a bad code), and policy staff confirm and reject candidates of an item.
// Needs the routes /policy/calculator (public) and /policy/candidates (staff) in web/src/App.tsx.
import { expect, test, type Page } from '@playwright/test';
import { login, screenshot, useLanguage } from './helpers.ts';

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
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '高新技术企业' }).first().click();
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
  const items = (await (await page.request.get('/api/policy/items?pageSize=200')).json()) as { items: { id: string }[] };
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

  const rejectRow = page.getByTestId('candidate-table').locator('.ant-table-row').filter({ has: page.locator('button[data-testid^="reject-"]') }).first();
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
