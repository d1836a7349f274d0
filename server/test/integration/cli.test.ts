// The operators' commands, run as an operator would (node server/bin/tingquan.js …) against a temp SQLite file:
// export and import of the ledger workbook, online backup while a server holds the database, guarded restore.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_COLUMNS } from '../../src/modules/excel/excel.service.ts';

const BIN = resolve(import.meta.dirname, '../../bin/tingquan.js');
const dir = mkdtempSync(join(tmpdir(), 'tingquan-cli-'));
const dbFile = join(dir, 'tingquan.db');

async function cli(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], {
      env: { ...process.env, DATABASE_URL: `sqlite:${dbFile}`, ...env },
      timeout: 120_000,
    });
    return { code: 0, out: stdout + stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}
const count = (file: string, table: string) => {
  const c = new SQLite(file, { readonly: true });
  try {
    return (c.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
  } finally {
    c.close();
  }
};

beforeAll(async () => {
  const r = await cli(['seed', '--demo', '--items', '300']);
  expect(r.code, r.out).toBe(0);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('tingquan CLI', () => {
  it('export-ledger writes the whole ledger as XLSX', async () => {
    const out = join(dir, 'ledger.xlsx');
    const r = await cli(['export-ledger', '--out', out]);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('exported 300 items');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets[0].rowCount).toBe(301);
    expect(wb.worksheets[0].getRow(1).getCell(1).value).toBe('台账编号');
  }, 60_000);

  it('import-items prints the row report and imports only the good rows', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('登记');
    ws.addRow([...IMPORT_COLUMNS]);
    ws.addRow([
      '热线',
      '求助',
      '用电报装',
      '厂房用电报装进度慢',
      '新建厂房申请用电报装已经十天了，还没有安排现场勘查。',
      '铁西区',
      '',
      '',
      '',
      '企业',
      '王经理',
      '13700002222',
      '沈阳北方机床配件厂',
      '',
      '否',
      '复杂',
      '',
    ]);
    ws.addRow(['热线', '求助', '没有这个分类', '标题', '太短', '', '', '', '', '个人', '', '', '', '', '否', '', '']);
    const file = join(dir, 'import.xlsx');
    writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
    const before = count(dbFile, 'item');
    const r = await cli(['import-items', file]);
    expect(r.code, r.out).toBe(1); // some rows were rejected
    expect(r.out).toMatch(/row 2: imported SY-\d{4}-\d{6}/);
    expect(r.out).toMatch(/row 3: rejected — .*问题分类/);
    expect(r.out).toContain('"imported":1,"rejected":1');
    expect(count(dbFile, 'item')).toBe(before + 1);
  }, 60_000);

  it('backs up while a server holds the database, refuses to restore over it until it stops, then restores', async () => {
    const server = new SQLite(dbFile);
    server.pragma('journal_mode = WAL');
    server.prepare('select count(*) from item').get();
    const backup = join(dir, 'backup.db');
    let r = await cli(['backup', '--out', backup]);
    expect(r.code, r.out).toBe(0);
    const items = count(backup, 'item');
    expect(items).toBe(count(dbFile, 'item'));

    // Later changes that the restore must roll back.
    server.prepare("update item set title = 'changed after the backup' where rowid = 1").run();
    r = await cli(['restore', backup]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('in use');
    server.close();

    r = await cli(['restore', backup]);
    expect(r.code, r.out).toBe(0);
    expect(count(dbFile, 'item')).toBe(items);
    const c = new SQLite(dbFile, { readonly: true });
    expect(
      (c.prepare("select count(*) as n from item where title = 'changed after the backup'").get() as { n: number }).n,
    ).toBe(0);
    c.close();
    r = await cli(['verify-ledger']);
    expect(r.code, r.out).toBe(0);
  }, 120_000);

  it('refuses to restore a file that is not a Tingquan database or whose ledger was tampered with', async () => {
    const notDb = join(dir, 'notes.txt');
    writeFileSync(notDb, 'hello');
    let r = await cli(['restore', notDb]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('not an SQLite database');

    const tampered = join(dir, 'tampered.db');
    expect((await cli(['backup', '--out', tampered])).code).toBe(0);
    const c = new SQLite(tampered);
    c.prepare(
      "update event set data = '{\"forged\":true}' where rowid = (select min(rowid) from event where action = 'reply')",
    ).run();
    c.close();
    const before = count(dbFile, 'event');
    r = await cli(['restore', tampered]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('does not verify');
    expect(count(dbFile, 'event')).toBe(before);
  }, 120_000);

  it('sends PostgreSQL users to pg_dump', async () => {
    const r = await cli(['backup', '--out', join(dir, 'x.db')], {
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
    });
    expect(r.code).toBe(2);
    expect(r.out).toContain('pg_dump');
  }, 60_000);
});
