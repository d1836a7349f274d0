// The ledger's main path clicked through by real users: intake at phone width, registration at a window, acceptance
// and dispatch, signing, contact and reply, a bad rating and the redo, callback and close-out; and a forbidden action.
import { expect, test, type Page } from '@playwright/test';
import { csrfOf, login, logout, pick, screenshot, useLanguage } from './helpers.ts';

test.describe.configure({ mode: 'serial' });

async function fillIntake(page: Page, title: string) {
  const form = page.getByTestId('item-form');
  await pick(page, form.getByTestId('category-level-0'), '服务态度');
  // The second level appears once a category with children is chosen.
  const sub = form.getByTestId('category-level-1');
  await pick(page, sub, '态度生硬');
  await form.locator('#f-title').fill(title);
  await form
    .locator('#f-description')
    .fill('在市政务服务中心二楼窗口办理营业执照变更，工作人员态度冷淡，材料一次没说清楚。');
  await pick(page, form.locator('.ant-select').filter({ has: page.locator('#f-districtId') }), '沈河区', true);
  await form.locator('#f-requester\\.name').fill('张先生');
  await form.locator('#f-requester\\.phone').fill('13800138000');
}

// A 1×1 PNG: the server checks the magic bytes, not the name.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

test('a citizen at phone width raises a problem, sees field errors first, then tracks it', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await useLanguage(page, 'zh-CN');
  await page.goto('/report');
  await expect(page.getByRole('heading', { name: '我要找茬' })).toBeVisible();
  // Nothing at all overflows the phone's width.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

  // Client-side validation from the shared schema, shown at the fields.
  await page.locator('#f-title').fill('短');
  await page.getByTestId('submit-item').click();
  await expect(page.locator('#f-title-error')).toHaveText('至少 4 个字');
  await expect(page.locator('#f-categoryId-error')).toHaveText('必填');
  await expect(page.locator('#f-requester\\.phone-error')).toBeVisible();
  await screenshot(page, 'report-errors-zh-CN-375');

  await fillIntake(page, '窗口工作人员态度冷淡');
  await page.getByTestId('submit-item').click();
  await expect(page.getByTestId('receipt')).toBeVisible();
  const ledgerNo = await page.getByTestId('receipt-ledger').innerText();
  expect(ledgerNo).toMatch(/^SY-\d{4}-\d{6}$/);
  const code = await page.getByTestId('receipt-code').innerText();
  const pin = await page.getByTestId('receipt-pin').innerText();
  await screenshot(page, 'receipt-zh-CN-375');

  await page.getByTestId('receipt-track').click();
  await expect(page.getByTestId('track-view')).toContainText('窗口工作人员态度冷淡');
  await expect(page.getByText('您的问题已提交，等待受理')).toBeVisible();
  await screenshot(page, 'track-zh-CN-375');

  // A fresh visit (no receipt in the history state) with the code and a wrong PIN learns nothing.
  await page.goto('/report');
  await page.getByRole('link', { name: '进度查询' }).click();
  await page.locator('#code').fill(code);
  await page.locator('#pin').fill('000000');
  await page.getByTestId('track-submit').click();
  await expect(page.getByText('查询码或查询密码不正确')).toBeVisible();
  await page.locator('#pin').fill(pin);
  await page.getByTestId('track-submit').click();
  await expect(page.getByTestId('track-view')).toContainText(ledgerNo);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await context.close();
});

test('window clerk registers, dispatcher dispatches, handler replies, citizen rates 不满意, supervisor redoes and closes', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await useLanguage(page, 'zh-CN');

  // The figures before: the dashboard must count this item once it is received and once it is closed.
  await login(page, 'supervisor');
  const before = await dashboardFigures(page);
  await logout(page);

  // The clerk registers a problem raised at the window.
  await login(page, 'clerk');
  await page.goto('/register');
  await fillIntake(page, '窗口办理营业执照变更要求重复提交材料');
  // The requester hands over a photo of the notice at the window: it goes with the registration.
  await page.getByTestId('photo-input').setInputFiles({ name: '窗口告示.png', mimeType: 'image/png', buffer: PNG });
  await page.getByTestId('submit-item').click();
  await expect(page.getByTestId('receipt')).toBeVisible();
  await expect(page.getByTestId('receipt-photos')).toContainText('已上传 1 张照片');
  const code = await page.getByTestId('receipt-code').innerText();
  const pin = await page.getByTestId('receipt-pin').innerText();
  await page.getByTestId('receipt-track').click();
  await expect(page.getByTestId('item-status')).toHaveText('待受理');
  await expect(page.getByText('窗口告示.png')).toBeVisible();
  const itemUrl = page.url();
  const itemId = itemUrl.split('/items/')[1];

  // The clerk may not accept: no button, and the server refuses when forced.
  await expect(page.getByTestId('action-panel')).toBeVisible();
  await expect(page.getByTestId('action-accept')).toHaveCount(0);
  const forced = await page.request.post(`/api/items/${itemId}/accept`, {
    data: {},
    headers: { 'x-csrf-token': await csrfOf(page) },
  });
  expect(forced.status()).toBe(403);
  await logout(page);

  // The dispatcher finds it in the to-accept queue, accepts and dispatches it.
  await login(page, 'dispatcher');
  await expect(page.getByTestId('queue-to_accept')).toBeVisible();
  await screenshot(page, 'workbench-dispatcher-zh-CN');
  await page.goto(itemUrl);
  // The requester is masked until revealed with a reason (which the server logs).
  await expect(page.getByTestId('requester')).toContainText('138****8000');
  await page.getByTestId('reveal-button').click();
  await page.locator('#reveal_reason').fill('核实诉求人身份，需电话联系');
  await page.getByTestId('submit-reveal').click();
  await expect(page.getByTestId('requester')).toContainText('13800138000');
  await page.getByTestId('action-accept').click();
  await page.getByTestId('submit-accept').click();
  await expect(page.getByTestId('item-status')).toHaveText('已受理');
  await page.getByTestId('action-dispatch').click();
  await pick(page, page.getByTestId('action-form-dispatch').locator('.ant-select').first(), '市市场监管局', true);
  await page.getByTestId('submit-dispatch').click();
  await expect(page.getByTestId('item-status')).toHaveText('已派单');
  await logout(page);

  // The handler signs, contacts the requester and replies.
  await login(page, 'handler');
  await expect(page.getByTestId('queue-to_sign')).toBeVisible();
  await page.goto(itemUrl);
  await page.getByTestId('action-sign').click();
  await page.getByTestId('submit-sign').click();
  await expect(page.getByTestId('item-status')).toHaveText('办理中');
  await page.getByTestId('action-contact').click();
  const contact = page.getByTestId('action-form-contact');
  await contact.getByText('电话', { exact: true }).click();
  await contact.locator('#contact_note').fill('已电话联系张先生，了解材料情况');
  await page.getByTestId('submit-contact').click();
  await expect(page.getByTestId('event-timeline')).toContainText('已电话联系张先生');
  await page.getByTestId('action-reply').click();
  const reply = page.getByTestId('action-form-reply');
  await reply.locator('#reply_reply').fill('已核实：窗口一次性告知材料清单，并对工作人员进行了批评教育。');
  await reply.getByText('已解决', { exact: true }).click();
  await page.getByTestId('submit-reply').click();
  await expect(page.getByTestId('item-status')).toHaveText('已答复');
  await screenshot(page, 'item-handler-zh-CN');
  await logout(page);

  // The citizen rates 不满意 with the tracking code and PIN.
  await page.goto('/track');
  await page.locator('#code').fill(code);
  await page.locator('#pin').fill(pin);
  await page.getByTestId('track-submit').click();
  await expect(page.getByTestId('track-reply')).toContainText('一次性告知材料清单');
  const rate = page.getByTestId('action-form-rate');
  await rate.locator('#rate_contacted').getByText('是', { exact: true }).click();
  await rate.locator('#rate_solved').getByText('部分解决', { exact: true }).click();
  await rate.locator('#rate_satisfaction').getByText('不满意', { exact: true }).click();
  await page.getByTestId('submit-rate').click();
  await expect(page.getByText('您的评价: 不满意')).toBeVisible();
  await screenshot(page, 'track-rated-zh-CN');

  // The supervisor has it redone; the handler replies again; the supervisor calls back and closes it out.
  await login(page, 'supervisor');
  await page.goto(itemUrl);
  await expect(page.getByTestId('item-status')).toHaveText('已回访');
  await page.getByTestId('action-redo').click();
  await page.locator('#redo_reason').fill('群众不满意，材料清单仍未公示，重新办理');
  await page.getByTestId('submit-redo').click();
  await expect(page.getByTestId('item-status')).toHaveText('办理中');
  await logout(page);

  await login(page, 'handler');
  await page.goto(itemUrl);
  await page.getByTestId('action-reply').click();
  await page.locator('#reply_reply').fill('材料清单已在窗口和网站公示，并电话告知群众。');
  await page.getByTestId('action-form-reply').getByText('已解决', { exact: true }).click();
  await page.getByTestId('submit-reply').click();
  await expect(page.getByTestId('item-status')).toHaveText('已答复');
  await logout(page);

  await login(page, 'supervisor');
  await page.goto(itemUrl);
  await page.getByTestId('action-callback').click();
  const cb = page.getByTestId('action-form-callback');
  await cb.locator('#callback_reached').getByText('是', { exact: true }).click();
  await cb.locator('#callback_contacted').getByText('是', { exact: true }).click();
  await cb.locator('#callback_solved').getByText('已解决', { exact: true }).click();
  await cb.locator('#callback_satisfaction').getByText('满意', { exact: true }).click();
  await page.getByTestId('submit-callback').click();
  await expect(page.getByTestId('item-status')).toHaveText(/已回访|已销号/);
  if ((await page.getByTestId('item-status').innerText()) === '已回访') {
    await page.getByTestId('action-close_out').click();
    await page.getByTestId('submit-close_out').click();
  }
  await expect(page.getByTestId('item-status')).toHaveText('已销号');
  await expect(page.getByTestId('action-redo')).toHaveCount(0);
  await screenshot(page, 'item-closed-zh-CN');

  const after = await dashboardFigures(page);
  expect(after.received).toBe(before.received + 1);
  expect(after.closed).toBe(before.closed + 1);
  await screenshot(page, 'dashboard-after-zh-CN');
});

async function dashboardFigures(page: Page): Promise<{ received: number; closed: number }> {
  await page.goto('/dashboard');
  const read = async (key: string) =>
    Number(
      (await page.getByTestId(`figure-${key}`).locator('.ant-statistic-content').innerText()).replace(/[^\d]/g, ''),
    );
  await expect(page.getByTestId('figure-received')).toBeVisible();
  return { received: await read('received'), closed: await read('closed') };
}

test('an admin edits the SLA matrix and sees the calendar warning; a handler sees no admin page', async ({ page }) => {
  await useLanguage(page, 'zh-CN');
  await login(page, 'admin');
  await page.goto('/admin?tab=sla');
  const cell = page.getByRole('spinbutton', { name: 'sla-general 办理（工作日）' });
  await expect(cell).toHaveValue('3');
  await cell.fill('4');
  await page.getByTestId('sla-save-sla-general').click();
  await expect(page.getByText('已保存')).toBeVisible();
  await page.reload();
  await expect(page.getByRole('spinbutton', { name: 'sla-general 办理（工作日）' })).toHaveValue('4');
  await screenshot(page, 'admin-sla-zh-CN');
  await page.goto('/admin?tab=calendar');
  await expect(page.getByTestId('calendar-banner')).toContainText('尚无官方节假日数据');
  await screenshot(page, 'admin-calendar-zh-CN');
  // Put the matrix back as it was, so the other tests' deadlines are the defaults.
  await page.request.patch('/api/admin/sla-rules/sla-general', {
    data: { handleDays: 3 },
    headers: { 'x-csrf-token': await csrfOf(page) },
  });
  await logout(page);

  await login(page, 'handler');
  await expect(page.getByRole('menuitem', { name: '系统管理' })).toHaveCount(0);
  const forced = await page.request.patch('/api/admin/sla-rules/sla-general', {
    data: { handleDays: 9 },
    headers: { 'x-csrf-token': await csrfOf(page) },
  });
  expect(forced.status()).toBe(403);
});

test('a clerk imports the Excel template and gets the row-by-row report', async ({ page }) => {
  await useLanguage(page, 'zh-CN');
  await login(page, 'clerk');
  const template = await page.request.get('/api/items/import-template.xlsx');
  expect(template.status()).toBe(200);
  await page.goto('/items');
  await page.getByTestId('import-open').click();
  await page.getByLabel('选择文件').setInputFiles({
    name: 'template.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: await template.body(),
  });
  await page.getByRole('button', { name: '上传并导入' }).click();
  await expect(page.getByText(/已导入 \d+ 条，退回 \d+ 条|填写的内容有误|请求有误/)).toBeVisible();
  await screenshot(page, 'import-zh-CN');
});
