// The ledger (台账) as a spreadsheet: streamed XLSX/CSV export scoped to the reader, and XLSX import of offline
// registrations with a row-by-row report, all good rows in one transaction.
import { PassThrough, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { registerItemBody, type ItemListQuery, type RegisterItemBody } from '@tingquan/common';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Database } from '../../db/database.ts';
import type { Clock } from '../../lib/clock.ts';
import { toIso } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import type { Actor } from '../auth/actor.ts';
import type { DeadlineService } from '../deadlines/deadline.service.ts';
import { itemsQuery } from '../items/item.repository.ts';
import { maskName, maskPhone } from '../items/item.presenter.ts';
import { createItemService, type ItemService } from '../items/item.service.ts';
import {
  CHANNEL_LABELS,
  REQUESTER_KIND_LABELS,
  SATISFACTION_LABELS,
  SOLVED_LABELS,
  STATUS_LABELS,
  TIER_LABELS,
  TYPE_LABELS,
  codeOf,
} from './excel.labels.ts';

export const EXPORT_COLUMNS = [
  ['ledgerNo', '台账编号', 18],
  ['channel', '渠道', 8],
  ['requester', '诉求人', 14],
  ['type', '诉求类型', 8],
  ['category', '问题分类', 14],
  ['title', '标题', 28],
  ['content', '诉求内容', 50],
  ['place', '地点', 28],
  ['tier', '复杂程度', 8],
  ['departments', '承办单位', 30],
  ['acceptedAt', '受理时间', 20],
  ['deadline', '办理时限', 20],
  ['status', '状态', 10],
  ['reply', '答复内容', 40],
  ['contacted', '是否联系', 8],
  ['solved', '是否解决', 10],
  ['satisfied', '是否满意', 10],
  ['rating', '评价', 10],
  ['closedAt', '销号时间', 20],
  ['onTime', '是否按时办结', 10],
] as const;

/** Import template columns: header, and how the cell becomes part of the registration body. */
export const IMPORT_COLUMNS = [
  '渠道',
  '诉求类型',
  '问题分类',
  '标题',
  '问题描述',
  '区县',
  '服务中心',
  '窗口',
  '地点',
  '诉求人类型',
  '诉求人姓名',
  '联系电话',
  '单位名称',
  '统一社会信用代码',
  '保密',
  '复杂程度',
  '登记时间',
] as const;
const FIELD_COLUMN: Record<string, (typeof IMPORT_COLUMNS)[number]> = {
  channel: '渠道',
  type: '诉求类型',
  categoryId: '问题分类',
  title: '标题',
  description: '问题描述',
  districtId: '区县',
  centreId: '服务中心',
  windowId: '窗口',
  placeText: '地点',
  'requester.kind': '诉求人类型',
  'requester.name': '诉求人姓名',
  'requester.phone': '联系电话',
  'requester.organization': '单位名称',
  'requester.uscc': '统一社会信用代码',
  requester: '诉求人类型',
  confidential: '保密',
  tier: '复杂程度',
  submittedAt: '登记时间',
};

export interface ImportRowReport {
  row: number;
  ok: boolean;
  ledgerNo?: string;
  errors?: { column: string; message: string }[];
}

/**
 * exceljs writes the sheet's XML into the zip's deflate stream without heeding its backpressure, so a big ledger
 * would pile up uncompressed in memory (~1.3 KB a row). Wait until the deflater (the sheet stream's pipe) drains.
 */
async function deflated(sheet: ExcelJS.Worksheet): Promise<void> {
  // archiver wraps the sheet's stream in a readable-stream v2 PassThrough: only its internal states tell the backlog.
  type Legacy = { _writableState?: { length: number }; _readableState?: { length: number } };
  const pipes = ((sheet as unknown as { stream?: { pipes?: Legacy[] } }).stream?.pipes ?? []) as Legacy[];
  const backlog = () =>
    pipes.reduce((n, p) => n + (p._writableState?.length ?? 0) + (p._readableState?.length ?? 0), 0);
  if (backlog() > 1 << 20) while (backlog() > 1 << 18) await new Promise<void>((resolve) => setTimeout(resolve, 2));
  await new Promise<void>((resolve) => setImmediate(resolve));
}

const yesNo = (v: number | null) => (v === null ? '' : v ? '是' : '否');
const PAGE = 2000;

export function createExcelService(deps: {
  database: Database;
  clock: Clock;
  deadlines: DeadlineService;
  items: ItemService;
  cityCode: string;
}) {
  const { database, clock } = deps;
  const db = database.db;

  /** Rows of the reader's ledger in pages (keyset on submitted_at, id), with their departments joined. */
  async function* ledgerRows(actor: Actor, q: Partial<ItemListQuery>) {
    const now = clock.now();
    const departmentOnly = !actor.roles.some((r) =>
      ['dispatcher', 'supervisor', 'inspector', 'window_clerk', 'admin', 'officer'].includes(r),
    );
    let after: { at: number; id: string } | null = null;
    for (;;) {
      let query = itemsQuery(db, database.dialect, actor, q, now)
        .leftJoin('service_centre', 'service_centre.id', 'item.centre_id')
        .leftJoin('service_window', 'service_window.id', 'item.window_id')
        .select([
          'item.id',
          'item.ledger_no',
          'item.channel',
          'item.type',
          'item.title',
          'item.description',
          'item.place_text',
          'item.tier',
          'item.status',
          'item.requester_kind',
          'item.requester_name',
          'item.requester_org',
          'item.requester_phone',
          'item.confidential',
          'item.accepted_at',
          'item.handle_due_at',
          'item.reply_text',
          'item.contacted',
          'item.solved',
          'item.satisfaction',
          'item.closed_at',
          'item.on_time',
          'item.submitted_at',
          'category.name as category_name',
          'district.name as district_name',
          'service_centre.name as centre_name',
          'service_window.name as window_name',
        ])
        .orderBy('item.submitted_at')
        .orderBy('item.id')
        .limit(PAGE);
      if (after) {
        const a = after;
        query = query.where((eb) =>
          eb.or([
            eb('item.submitted_at', '>', a.at),
            eb.and([eb('item.submitted_at', '=', a.at), eb('item.id', '>', a.id)]),
          ]),
        );
      }
      const rows = await query.execute();
      if (!rows.length) return;
      const depts = await db
        .selectFrom('item_assignment')
        .innerJoin('department', 'department.id', 'item_assignment.department_id')
        .select(['item_assignment.item_id', 'item_assignment.role', 'department.name'])
        .where(
          'item_assignment.item_id',
          'in',
          rows.map((r) => r.id),
        )
        .where('item_assignment.state', '!=', 'returned')
        .execute();
      const byItem = new Map<string, string[]>();
      for (const d of depts) {
        const list = byItem.get(d.item_id) ?? [];
        if (d.role === 'main') list.unshift(`${d.name}（主办）`);
        else list.push(`${d.name}（协办）`);
        byItem.set(d.item_id, list);
      }
      for (const r of rows) {
        const who = r.requester_kind === 'enterprise' ? r.requester_org : r.requester_name;
        const requester = r.confidential
          ? departmentOnly
            ? ''
            : '（保密）'
          : r.requester_kind === 'anonymous'
            ? '匿名'
            : [maskName(who), maskPhone(r.requester_phone)].filter(Boolean).join(' ');
        const satisfied =
          r.satisfaction === null
            ? ''
            : ['very_satisfied', 'satisfied', 'basically_satisfied'].includes(r.satisfaction)
              ? '满意'
              : '不满意';
        yield {
          ledgerNo: r.ledger_no,
          channel: CHANNEL_LABELS[r.channel] ?? r.channel,
          requester,
          type: TYPE_LABELS[r.type] ?? r.type,
          category: r.category_name ?? '',
          title: r.title,
          content: r.description,
          place: [r.district_name, r.centre_name, r.window_name, r.place_text].filter(Boolean).join(' '),
          tier: TIER_LABELS[r.tier] ?? r.tier,
          departments: (byItem.get(r.id) ?? []).join('；'),
          acceptedAt: toIso(r.accepted_at)?.slice(0, 19).replace('T', ' ') ?? '',
          deadline: toIso(r.handle_due_at)?.slice(0, 19).replace('T', ' ') ?? '',
          status: STATUS_LABELS[r.status] ?? r.status,
          reply: r.reply_text ?? '',
          contacted: yesNo(r.contacted),
          solved: r.solved ? (SOLVED_LABELS[r.solved] ?? r.solved) : '',
          satisfied,
          rating: r.satisfaction ? (SATISFACTION_LABELS[r.satisfaction] ?? r.satisfaction) : '',
          closedAt: toIso(r.closed_at)?.slice(0, 19).replace('T', ' ') ?? '',
          onTime: yesNo(r.on_time),
        } satisfies Record<(typeof EXPORT_COLUMNS)[number][0], string>;
      }
      if (rows.length < PAGE) return;
      const last = rows[rows.length - 1];
      after = { at: Number(last.submitted_at), id: last.id };
    }
  }

  /** Streams the reader's ledger into `out` (closing it) and records the export on the audit chain. */
  async function exportLedger(
    actor: Actor,
    q: Partial<ItemListQuery>,
    format: 'xlsx' | 'csv',
    out: Writable,
  ): Promise<number> {
    let count = 0;
    if (format === 'xlsx') {
      // The workbook ends its own stream; pipe it through so that `out` ends only after the audit event is written.
      const inner = new PassThrough();
      inner.pipe(out, { end: false });
      const drained = new Promise<void>((resolve) => inner.once('end', resolve));
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
        stream: inner,
        useStyles: true,
        useSharedStrings: false,
      });
      const sheet = workbook.addWorksheet('台账', { views: [{ state: 'frozen', ySplit: 1 }] });
      sheet.columns = EXPORT_COLUMNS.map(([key, header, width]) => ({ key, header, width }));
      sheet.getRow(1).font = { bold: true };
      sheet.getRow(1).commit();
      for await (const row of ledgerRows(actor, q)) {
        sheet.addRow(row).commit();
        if (++count % 500 === 0) await deflated(sheet);
      }
      sheet.commit();
      await workbook.commit();
      await drained;
    } else {
      const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
      const write = (s: string) =>
        new Promise<void>((resolve, reject) =>
          out.write(s) ? resolve() : out.once('drain', resolve).once('error', reject),
        );
      await write(`\uFEFF${EXPORT_COLUMNS.map(([, h]) => h).join(',')}\r\n`);
      for await (const row of ledgerRows(actor, q)) {
        await write(`${EXPORT_COLUMNS.map(([k]) => cell(row[k])).join(',')}\r\n`);
        count++;
      }
    }
    await deps.items.audit(actor, 'export', { format, filters: q, rows: count });
    out.end();
    return count;
  }

  async function template(out: Writable) {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('登记');
    sheet.columns = IMPORT_COLUMNS.map((header) => ({ header, width: header === '问题描述' ? 50 : 16 }));
    sheet.getRow(1).font = { bold: true };
    sheet.addRow([
      '窗口',
      '投诉',
      '办公设备',
      '一楼大厅没有复印机',
      '区政务服务中心一楼大厅没有复印机，办事群众需要到外面复印材料。',
      '沈河区',
      '沈河区政务服务中心',
      'W01',
      '',
      '个人',
      '张三',
      '13812345678',
      '',
      '',
      '否',
      '一般',
      '2026-11-30 09:30',
    ]);
    const notes = workbook.addWorksheet('说明');
    notes.addRow(['渠道', Object.values(CHANNEL_LABELS).join('、')]);
    notes.addRow(['诉求类型', Object.values(TYPE_LABELS).join('、')]);
    notes.addRow(['问题分类', '分类名称或编码，如 办公设备 或 facilities.office']);
    notes.addRow(['诉求人类型', Object.values(REQUESTER_KIND_LABELS).join('、')]);
    notes.addRow(['复杂程度', Object.values(TIER_LABELS).join('、')]);
    notes.addRow(['登记时间', 'YYYY-MM-DD HH:mm（北京时间），可留空']);
    await workbook.xlsx.write(out);
    out.end();
  }

  /** Name/code lookups of the organisation, loaded once per import. */
  async function lookups(reader: Kysely<DB>) {
    const [categories, districts, centres, windows] = await Promise.all([
      reader.selectFrom('category').select(['id', 'code', 'name', 'parent_id', 'active']).execute(),
      reader.selectFrom('district').select(['id', 'code', 'name']).execute(),
      reader.selectFrom('service_centre').select(['id', 'name', 'district_id']).execute(),
      reader.selectFrom('service_window').select(['id', 'centre_id', 'code', 'name']).execute(),
    ]);
    return { categories, districts, centres, windows };
  }

  function cellText(v: ExcelJS.CellValue): string {
    if (v === null || v === undefined) return '';
    if (v instanceof Date) return v.toISOString();
    if (typeof v === 'object') {
      if ('text' in v && typeof v.text === 'string') return v.text;
      if ('richText' in v) return v.richText.map((t) => t.text).join('');
      if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
      return '';
    }
    return String(v).trim();
  }

  /** "2026-11-30 09:30" (Shanghai) or an Excel date (exceljs reads it as UTC wall time) → ISO with +08:00. */
  function instantOf(v: ExcelJS.CellValue): string | undefined | null {
    if (v === null || v === undefined || v === '') return undefined;
    if (v instanceof Date) return `${v.toISOString().slice(0, 19)}+08:00`;
    const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(String(v).trim());
    if (!m) return null;
    const p = (s: string | undefined, d = '00') => (s ?? d).padStart(2, '0');
    return `${m[1]}-${p(m[2])}-${p(m[3])}T${p(m[4])}:${p(m[5])}:${p(m[6])}+08:00`;
  }

  /** Parses and checks every row; returns the report and the bodies of the good rows. */
  async function parse(buffer: Buffer) {
    if (buffer.subarray(0, 4).toString('latin1') !== 'PK\u0003\u0004')
      throw new AppError('unsupported_media_type', 'the file is not an XLSX workbook');
    const workbook = new ExcelJS.Workbook();
    try {
      await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    } catch {
      throw new AppError('unsupported_media_type', 'the file is not a readable XLSX workbook');
    }
    const sheet = workbook.worksheets[0];
    if (!sheet)
      throw new AppError('validation', 'file: the workbook has no sheet', {
        issues: [{ path: 'file', message: 'no sheet' }],
      });
    const header = new Map<string, number>();
    sheet.getRow(1).eachCell((c, col) => header.set(cellText(c.value), col));
    const missing = ['渠道', '诉求类型', '问题分类', '标题', '问题描述'].filter((h) => !header.has(h));
    if (missing.length)
      throw new AppError('validation', `file: missing columns ${missing.join(', ')}`, {
        issues: missing.map((m) => ({ path: `file.${m}`, message: 'missing column' })),
      });
    const { categories, districts, centres, windows } = await lookups(db);
    const rows: { row: number; body?: RegisterItemBody; errors: { column: string; message: string }[] }[] = [];
    for (let r = 2; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      const raw = (h: string) => (header.has(h) ? row.getCell(header.get(h)!).value : null);
      const get = (h: string) => cellText(raw(h));
      if (IMPORT_COLUMNS.every((h) => get(h) === '')) continue; // blank line
      const errors: { column: string; message: string }[] = [];
      const lookup = <T>(column: string, value: string, find: () => T | undefined): T | undefined => {
        if (!value) return undefined;
        const found = find();
        if (found === undefined) errors.push({ column, message: `unknown: ${value}` });
        return found;
      };
      const channel = lookup('渠道', get('渠道'), () => codeOf(CHANNEL_LABELS, get('渠道')));
      const type = lookup('诉求类型', get('诉求类型'), () => codeOf(TYPE_LABELS, get('诉求类型')));
      const tier = lookup('复杂程度', get('复杂程度'), () => codeOf(TIER_LABELS, get('复杂程度')));
      const kind = get('诉求人类型')
        ? lookup('诉求人类型', get('诉求人类型'), () => codeOf(REQUESTER_KIND_LABELS, get('诉求人类型')))
        : 'person';
      const cat = get('问题分类');
      const category = lookup('问题分类', cat, () => {
        const hits = categories.filter((c) => c.active && (c.id === cat || c.code === cat || c.name === cat));
        return (hits.find((c) => c.parent_id !== null) ?? hits[0])?.id;
      });
      const dv = get('区县');
      const district = lookup(
        '区县',
        dv,
        () => districts.find((d) => d.id === dv || d.code === dv || d.name === dv)?.id,
      );
      const cv = get('服务中心');
      const centre = lookup('服务中心', cv, () => centres.find((c) => c.id === cv || c.name === cv)?.id);
      const wv = get('窗口');
      // A window's code or name is only unique within its centre.
      const bareWindow = wv && !centre && !windows.some((w) => w.id === wv);
      if (bareWindow) errors.push({ column: '窗口', message: 'name the service centre (服务中心) of the window' });
      const window = bareWindow
        ? undefined
        : lookup(
            '窗口',
            wv,
            () =>
              windows.find(
                (w) => (!centre || w.centre_id === centre) && (w.id === wv || w.code === wv || w.name === wv),
              )?.id,
          );
      const conf = get('保密');
      if (conf && !['是', '否', 'true', 'false', '1', '0'].includes(conf))
        errors.push({ column: '保密', message: 'use 是 or 否' });
      const submittedAt = instantOf(raw('登记时间'));
      if (submittedAt === null) errors.push({ column: '登记时间', message: 'use YYYY-MM-DD HH:mm' });
      const requester = Object.fromEntries(
        Object.entries({
          kind,
          name: get('诉求人姓名'),
          phone: get('联系电话'),
          organization: get('单位名称'),
          uscc: get('统一社会信用代码'),
        }).filter(([, v]) => v),
      );
      const candidate = Object.fromEntries(
        Object.entries({
          channel: channel ?? get('渠道'),
          type: type ?? get('诉求类型'),
          categoryId: category ?? (cat || undefined),
          title: get('标题'),
          description: get('问题描述'),
          districtId: district,
          centreId: centre,
          windowId: window,
          placeText: get('地点') || undefined,
          requester,
          confidential: ['是', 'true', '1'].includes(conf),
          tier,
          submittedAt: submittedAt ?? undefined,
        }).filter(([, v]) => v !== undefined),
      );
      const parsed = registerItemBody.safeParse(candidate);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const path = issue.path.join('.');
          const column = FIELD_COLUMN[path] ?? FIELD_COLUMN[String(issue.path[0])] ?? path;
          if (!errors.some((e) => e.column === column)) errors.push({ column, message: issue.message });
        }
      }
      if (centre && window && !windows.some((w) => w.id === window && w.centre_id === centre))
        errors.push({ column: '窗口', message: 'window is not in that service centre' });
      rows.push({ row: r, body: errors.length || !parsed.success ? undefined : parsed.data, errors });
    }
    return rows;
  }

  /**
   * Imports the good rows through the intake use case, all inside ONE transaction: an intake service bound to the
   * transaction (its own `transaction()` joins the open one), so a crash or a database error imports nothing.
   */
  async function importItems(
    actor: Actor,
    buffer: Buffer,
  ): Promise<{ imported: number; rejected: number; rows: ImportRowReport[] }> {
    const parsed = await parse(buffer);
    const report: ImportRowReport[] = [];
    await db.transaction().execute(async (trx) => {
      const bound = new Proxy(trx, {
        get(target, prop) {
          if (prop === 'transaction')
            return () => ({ execute: <T>(fn: (t: Transaction<DB>) => Promise<T>) => fn(target) });
          const v = Reflect.get(target, prop, target);
          return typeof v === 'function' ? v.bind(target) : v;
        },
      }) as unknown as Kysely<DB>;
      const intake = createItemService({
        database: { ...database, db: bound },
        clock,
        deadlines: deps.deadlines,
        cityCode: deps.cityCode,
      });
      for (const p of parsed) {
        if (!p.body) {
          report.push({ row: p.row, ok: false, errors: p.errors });
          continue;
        }
        try {
          const receipt = await intake.intake(actor, p.body);
          report.push({ row: p.row, ok: true, ledgerNo: receipt.ledgerNo });
        } catch (err) {
          // Reference checks fail before intake writes anything, so the transaction is still clean.
          if (!(err instanceof AppError) || err.code !== 'validation') throw err;
          report.push({
            row: p.row,
            ok: false,
            errors: (err.extra.issues ?? []).map((i) => ({
              column: FIELD_COLUMN[i.path] ?? i.path,
              message: i.message,
            })),
          });
        }
      }
    });
    const imported = report.filter((r) => r.ok).length;
    await deps.items.audit(actor, 'import', { rows: report.length, imported, rejected: report.length - imported });
    return { imported, rejected: report.length - imported, rows: report };
  }

  return { exportLedger, template, importItems };
}
export type ExcelService = ReturnType<typeof createExcelService>;
