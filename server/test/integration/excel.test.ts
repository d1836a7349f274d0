// The ledger as a spreadsheet: export scoped to the reader with PII masked and audited, CSV with a BOM, and the
// import of offline registrations: good rows in, bad rows reported by column, nothing half-imported.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DIALECT, createTestContext, intakeBody, type Session, type TestContext } from '../harness.ts';
import { IMPORT_COLUMNS } from '../../src/modules/excel/excel.service.ts';

let t: TestContext;
let dispatcher: Session, dispatcherShenhe: Session, clerk: Session, handler: Session;

beforeAll(async () => {
  t = await createTestContext();
  [dispatcher, dispatcherShenhe, clerk, handler] = await Promise.all(
    ['dispatcher', 'dispatcher.shenhe', 'clerk', 'handler'].map((u) => t.login(u)),
  );
  for (const districtId of ['d-210103', 'd-210103', 'd-210106']) {
    const res = await t.call(
      null,
      'POST',
      '/api/public/items',
      intakeBody({ districtId, requester: { kind: 'person', name: '张三丰', phone: '13812345678' } }),
    );
    expect(res.statusCode, res.body).toBe(201);
  }
});
afterAll(() => t?.close());

async function readSheet(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.worksheets[0].eachRow((row) =>
    rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))),
  );
  return rows;
}

async function xlsx(rows: (string | Date)[][], headers: readonly string[] = IMPORT_COLUMNS) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('登记');
  ws.addRow([...headers]);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function multipart(content: Buffer, name = 'import.xlsx') {
  const boundary = '----tqexcel';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
const importFile = (as: Session, content: Buffer) => {
  const m = multipart(content);
  return t.app.inject({
    method: 'POST',
    url: '/api/items/import',
    payload: m.payload,
    headers: { ...m.headers, cookie: as.cookie, 'x-csrf-token': as.csrf },
  });
};

const row = (over: Partial<Record<(typeof IMPORT_COLUMNS)[number], string>> = {}) =>
  IMPORT_COLUMNS.map(
    (h) =>
      ({
        渠道: '窗口',
        诉求类型: '投诉',
        问题分类: '办公设备',
        标题: '自助打印机坏了',
        问题描述: '大厅自助打印机坏了好几天没人修，只能到外面打印。',
        区县: '沈河区',
        服务中心: '沈河区政务服务中心',
        窗口: 'W01',
        地点: '',
        诉求人类型: '个人',
        诉求人姓名: '李四',
        联系电话: '13900001111',
        单位名称: '',
        统一社会信用代码: '',
        保密: '否',
        复杂程度: '一般',
        登记时间: '2026-11-28 09:30',
        ...over,
      })[h],
  );

describe('ledger export', () => {
  it('exports the ledger with Chinese headers, masked requesters, and an audit event', async () => {
    const res = await t.call(dispatcher, 'GET', '/api/items/export.xlsx');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const rows = await readSheet(res.rawPayload);
    expect(rows[0].slice(0, 3)).toEqual(['台账编号', '渠道', '诉求人']);
    expect(rows).toHaveLength(1 + 3);
    expect(rows[1][0]).toMatch(/^SY-2026-\d{6}$/);
    const text = rows.flat().join('|');
    expect(text).not.toContain('张三丰');
    expect(text).not.toContain('13812345678');
    expect(text).toContain('138****5678');
    const audit = await t.database.db
      .selectFrom('event')
      .selectAll()
      .where('stream', '=', 'audit')
      .where('action', '=', 'export')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.actor_id).toBe(dispatcher.userId);
    expect(JSON.parse(audit.data)).toMatchObject({ format: 'xlsx', rows: 3 });
  });

  it("honours the reader's scope and the list filters", async () => {
    const shenhe = await readSheet((await t.call(dispatcherShenhe, 'GET', '/api/items/export.xlsx')).rawPayload);
    expect(shenhe).toHaveLength(1 + 2);
    expect(shenhe.slice(1).every((r) => r[7].startsWith('沈河区'))).toBe(true);
    const filtered = await readSheet(
      (await t.call(dispatcher, 'GET', '/api/items/export.xlsx?districtId=d-210106')).rawPayload,
    );
    expect(filtered).toHaveLength(1 + 1);
    // A department with no assignment sees an empty ledger, not someone else's.
    expect(await readSheet((await t.call(handler, 'GET', '/api/items/export.xlsx')).rawPayload)).toHaveLength(1);
    expect((await t.call(dispatcher, 'GET', '/api/items/export.xlsx?status=bogus')).statusCode).toBe(400);
  });

  it('exports CSV with a BOM so that Excel reads the Chinese', async () => {
    const res = await t.call(dispatcher, 'GET', '/api/items/export.csv');
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[0].startsWith('台账编号,渠道,诉求人')).toBe(true);
    expect(res.body).not.toContain('13812345678');
  });
});

describe('ledger import', () => {
  it('serves a template that imports as it is', async () => {
    const tpl = await t.call(clerk, 'GET', '/api/items/import-template.xlsx');
    expect(tpl.statusCode).toBe(200);
    expect((await readSheet(tpl.rawPayload))[0]).toEqual([...IMPORT_COLUMNS]);
  });

  it('imports the good rows, rejects the bad ones with their columns, and round-trips through the export', async () => {
    const before = Number(
      (
        await t.database.db
          .selectFrom('item')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const file = await xlsx([
      row(),
      row({ 问题分类: '不存在的分类', 联系电话: '123' }),
      row({
        标题: '热线反映公积金提取难',
        渠道: '热线',
        问题分类: 'fund.withdraw',
        服务中心: '',
        窗口: '',
        诉求人类型: '企业',
        单位名称: '沈阳华信科技有限公司',
      }),
      row({ 渠道: '飞鸽传书', 登记时间: '昨天' }),
    ]);
    const res = await importFile(dispatcher, file);
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ imported: 2, rejected: 2 });
    expect(report.rows[0]).toMatchObject({ row: 2, ok: true });
    expect(report.rows[0].ledgerNo).toMatch(/^SY-2026-\d{6}$/);
    expect(report.rows[1].ok).toBe(false);
    expect(report.rows[1].errors.map((e: { column: string }) => e.column).sort()).toEqual(['联系电话', '问题分类']);
    expect(report.rows[3].errors.map((e: { column: string }) => e.column).sort()).toEqual(['渠道', '登记时间']);
    const after = Number(
      (
        await t.database.db
          .selectFrom('item')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(after).toBe(before + 2);

    const imported = await t.database.db
      .selectFrom('item')
      .selectAll()
      .where('ledger_no', '=', report.rows[0].ledgerNo)
      .executeTakeFirstOrThrow();
    expect(imported).toMatchObject({
      channel: 'window',
      category_id: 'cat-facilities-office',
      centre_id: 'centre-210103',
      window_id: 'centre-210103-w01',
      district_id: 'd-210103',
      registered_by: dispatcher.userId,
    });
    expect(new Date(Number(imported.submitted_at)).toISOString()).toBe('2026-11-28T01:30:00.000Z');

    const exported = await readSheet(
      (await t.call(dispatcher, 'GET', '/api/items/export.xlsx?q=' + encodeURIComponent(report.rows[0].ledgerNo)))
        .rawPayload,
    );
    expect(exported).toHaveLength(2);
    expect(exported[1]).toEqual(
      expect.arrayContaining([
        report.rows[0].ledgerNo,
        '窗口',
        '李* 139****1111',
        '投诉',
        '办公设备',
        '自助打印机坏了',
      ]),
    );
  });

  it('imports nothing when the database fails half-way through the file', async () => {
    // A trigger makes the second row's insert fail at the database, after the first row was written in the same transaction.
    if (DIALECT === 'postgres') {
      await sql`CREATE FUNCTION boom() RETURNS trigger AS $$ BEGIN IF NEW.title = '数据库故障行' THEN RAISE EXCEPTION 'boom'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`.execute(
        t.database.db,
      );
      await sql`CREATE TRIGGER boom BEFORE INSERT ON item FOR EACH ROW EXECUTE FUNCTION boom()`.execute(t.database.db);
    } else {
      await sql`CREATE TRIGGER boom BEFORE INSERT ON item WHEN NEW.title = '数据库故障行' BEGIN SELECT RAISE(ABORT, 'boom'); END`.execute(
        t.database.db,
      );
    }
    try {
      const count = async () =>
        Number(
          (
            await t.database.db
              .selectFrom('item')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const before = await count();
      const res = await importFile(
        dispatcher,
        await xlsx([row({ 标题: '第一行正常' }), row({ 标题: '数据库故障行' })]),
      );
      expect(res.statusCode).toBe(500);
      expect(await count()).toBe(before);
      expect(
        await t.database.db.selectFrom('item').select('id').where('title', '=', '第一行正常').executeTakeFirst(),
      ).toBeUndefined();
    } finally {
      await sql`DROP TRIGGER boom${sql.raw(DIALECT === 'postgres' ? ' ON item' : '')}`.execute(t.database.db);
    }
  });

  it('refuses a file that is not XLSX (415) and staff without the permission (403), importing nothing', async () => {
    const res = await importFile(dispatcher, Buffer.from('%PDF-1.4 not a workbook'));
    expect(res.statusCode).toBe(415);
    expect((await importFile(handler, await xlsx([row()]))).statusCode).toBe(403);
    const missing = await importFile(dispatcher, await xlsx([['x']], ['标题']));
    expect(missing.statusCode).toBe(400);
  });
});
