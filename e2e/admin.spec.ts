// An administrator edits the organisation in the browser and the public intake follows: a new department (and a
// duplicate code refused at its field), a new window at the city centre counted city-wide, a renamed category that the
// intake form then offers, and a problem raised in it with a photo that the staff see on the item.
import { expect, test, type Page } from '@playwright/test';
import { login, pick, useLanguage } from './helpers.ts';

test.describe.configure({ mode: 'serial' });

// A 1×1 PNG: the server checks the magic bytes, not the name.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const run = Date.now().toString(36);
const renamed = `办公设备与网络${run.slice(-4)}`;

async function openTab(page: Page, tab: string) {
  await page.goto(`/admin?tab=${tab}`);
  await expect(page.getByRole('tab', { selected: true })).toBeVisible();
}

test('an admin adds a department and a window and renames a category; the intake offers the new name', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await useLanguage(page, 'zh-CN');
  await login(page, 'admin');

  // A city department.
  await openTab(page, 'departments');
  await expect(page.getByRole('tab', { selected: true })).toHaveText('部门');
  await page.getByTestId('department-add').click();
  const deptForm = page.getByTestId('department-form');
  await deptForm.locator('#department-form_code').fill(`sjj-${run}`);
  await deptForm.locator('#department-form_name').fill(`市数据局${run}`);
  await deptForm.locator('#department-form_nameEn').fill(`Data Bureau ${run}`);
  await page.getByTestId('department-form-save').click();
  await expect(deptForm).toBeHidden();
  await expect(page.getByTestId('departments-table')).toContainText(`市数据局${run}`);

  // The same code again: the server's refusal is shown at the code field, and nothing is added.
  await page.getByTestId('department-add').click();
  await deptForm.locator('#department-form_code').fill(`sjj-${run}`);
  await deptForm.locator('#department-form_name').fill('重复的部门');
  await page.getByTestId('department-form-save').click();
  const codeItem = deptForm.locator('.ant-form-item').filter({ has: page.locator('#department-form_code') });
  await expect(codeItem.locator('.ant-form-item-explain-error')).toHaveText('已被使用');
  await page.getByRole('button', { name: /取\s*消/ }).click();
  await expect(page.getByTestId('departments-table')).not.toContainText('重复的部门');

  // A window at the city service centre: listed in the centre's drawer and counted city-wide.
  await openTab(page, 'centres');
  const total = page.getByTestId('windows-total').locator('.ant-statistic-content-value');
  await expect(page.getByTestId('centres-table').locator('tbody tr.ant-table-row').first()).toBeVisible();
  const before = Number((await total.innerText()).replace(/\D/g, ''));
  await page.getByTestId('centre-windows-centre-city').click();
  const drawer = page.getByTestId('windows-drawer');
  await expect(drawer.getByTestId('windows-table').locator('tbody tr.ant-table-row').first()).toBeVisible();
  await drawer.getByTestId('window-add').click();
  const winForm = page.getByTestId('window-form');
  await winForm.locator('#window-form_code').fill(`w-${run}`);
  await winForm.locator('#window-form_name').fill(`数据服务窗口${run}`);
  await page.getByTestId('window-form-save').click();
  await expect(winForm).toBeHidden();
  await expect(drawer.getByTestId('windows-table')).toContainText(`数据服务窗口${run}`);
  await page.keyboard.press('Escape');
  await expect(total).toHaveText(new Intl.NumberFormat('zh-CN').format(before + 1));

  // Rename a sub-category of 设施设备.
  await openTab(page, 'categories');
  const table = page.getByTestId('categories-table');
  await table.getByRole('row').filter({ hasText: '设施设备' }).first().locator('.ant-table-row-expand-icon').click();
  await table.getByTestId('category-rename-facilities.office').click();
  const catForm = page.getByTestId('category-form');
  await expect(catForm.locator('#category-form_name')).toHaveValue('办公设备');
  await catForm.locator('#category-form_name').fill(renamed);
  await page.getByTestId('category-form-save').click();
  await expect(catForm).toBeHidden();
  await expect(table).toContainText(renamed);
});

test('the public intake offers the renamed category, and a problem raised in it carries its photo', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const context = await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await useLanguage(page, 'zh-CN');
  await page.goto('/report');
  const form = page.getByTestId('item-form');
  await pick(page, form.getByTestId('category-level-0'), '设施设备');
  await pick(page, form.getByTestId('category-level-1'), renamed);
  await form.locator('#f-title').fill('大厅自助机网络经常断开');
  await form.locator('#f-description').fill('市政务服务中心一楼大厅的自助打印机网络经常断开，无法打印证照。');
  await form.locator('#f-requester\\.phone').fill('13800138001');

  // A PDF is refused before anything is sent; a PNG is shown as a thumbnail.
  await form
    .getByTestId('photo-input')
    .setInputFiles({ name: 'notes.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n') });
  await expect(page.locator('#f-photos-error')).toContainText('notes.pdf');
  await form.getByTestId('photo-input').setInputFiles({ name: '现场.png', mimeType: 'image/png', buffer: PNG });
  await expect(form.getByTestId('photo-picker').locator('.ant-upload-list-item')).toHaveCount(1);
  await page.getByTestId('submit-item').click();
  await expect(page.getByTestId('receipt')).toBeVisible();
  await expect(page.getByTestId('receipt-photos')).toContainText('已上传 1 张照片');
  const ledgerNo = (await page.getByTestId('receipt-ledger').innerText()).trim();
  await context.close();

  // The dispatcher finds it in the ledger under the new category name, with the photo attached.
  const staff = await browser.newPage();
  await useLanguage(staff, 'zh-CN');
  await login(staff, 'dispatcher');
  await staff.goto(`/items?q=${encodeURIComponent(ledgerNo)}`);
  const row = staff.getByTestId('ledger-table').locator('tbody tr.ant-table-row').first();
  await expect(row).toContainText(renamed);
  await row.getByRole('link', { name: ledgerNo }).click();
  await expect(staff.getByTestId('item-header')).toBeVisible();
  await expect(staff.getByText('现场.png')).toBeVisible();
  await staff.close();
});
