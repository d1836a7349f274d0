// Enterprise file (一企一档) import from CSV or XLSX exports: every row checked (USCC check character, GB/T 4754 codes,
// numbers, dates), bad rows reported with reasons and skipped, good rows merged fact by fact with source and as-of date;
// a value that is replaced, or an older value that does not replace a newer one, goes into the fact history.
import ExcelJS from 'exceljs';
import {
  BASE_FACT_KEYS,
  BASE_FACTS,
  type BaseFactKey,
  type FactSource,
  FactValueSchemas,
  isValidUscc,
} from '@tingquan/common/policy/index';
import type { Database } from '../../db/database.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError, invalidField } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import type { Actor } from '../auth/actor.ts';

type Raw = string | number | Date | boolean | null;
interface ParsedRow {
  row: number;
  cells: Map<string, Raw>;
}

const IDENTITY_COLUMNS: Record<string, 'uscc' | 'name' | 'phone'> = {
  uscc: 'uscc',
  统一社会信用代码: 'uscc',
  name: 'name',
  企业名称: 'name',
  phone: 'phone',
  联系电话: 'phone',
};
const FACT_BY_HEADER = new Map<string, BaseFactKey>(
  BASE_FACT_KEYS.flatMap((k) => [[k, k] as const, [BASE_FACTS[k].label, k] as const]),
);

/** RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF), UTF-8 with or without BOM. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let field = '';
  let row: string[] = [];
  let quoted = false;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) rows.push([...row, field]);
  return rows;
}

async function readTable(content: Buffer): Promise<{ format: 'csv' | 'xlsx'; header: string[]; rows: ParsedRow[] }> {
  if (content.subarray(0, 4).toString('latin1') === 'PK\u0003\u0004') {
    const workbook = new ExcelJS.Workbook();
    try {
      await workbook.xlsx.load(content as unknown as ArrayBuffer);
    } catch {
      throw new AppError('unsupported_media_type', 'the file is not a readable XLSX workbook');
    }
    const sheet = workbook.worksheets[0];
    if (!sheet) throw invalidField('file', 'the workbook has no sheet');
    const header: string[] = [];
    sheet.getRow(1).eachCell((c, col) => (header[col - 1] = String(c.value ?? '').trim()));
    const rows: ParsedRow[] = [];
    for (let r = 2; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      const cells = new Map<string, Raw>();
      header.forEach((h, k) => {
        let v = row.getCell(k + 1).value as unknown;
        if (v && typeof v === 'object' && !(v instanceof Date))
          v = (v as { text?: string; result?: unknown }).text ?? (v as { result?: unknown }).result ?? null;
        if (v !== null && v !== undefined && v !== '') cells.set(h, v as Raw);
      });
      if (cells.size) rows.push({ row: r, cells });
    }
    return { format: 'xlsx', header, rows };
  }
  const text = content.toString('utf8');
  if (text.includes('\u0000')) throw new AppError('unsupported_media_type', 'send a CSV (UTF-8) or XLSX file');
  const [head, ...body] = parseCsv(text);
  const header = (head ?? []).map((h) => h.trim());
  const rows = body
    .map((cols, i) => ({
      row: i + 2,
      cells: new Map(
        header.flatMap((h, k) => ((cols[k] ?? '').trim() !== '' ? [[h, cols[k].trim()] as [string, Raw]] : [])),
      ),
    }))
    .filter((r) => r.cells.size);
  return { format: 'csv', header, rows };
}

function toDate(v: Raw): string | null {
  // exceljs reads a date cell as the UTC wall time of the day.
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(String(v).trim());
  return m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : null;
}

/** A cell as the fact's value, or an error message. */
function factValue(key: BaseFactKey, v: Raw): { value: unknown } | { error: string } {
  const def = BASE_FACTS[key];
  const s = String(v instanceof Date ? v.toISOString() : v).trim();
  switch (def.type) {
    case 'number': {
      const n = typeof v === 'number' ? v : Number(s.replace(/[,，\s]/g, '').replace(/%$/, ''));
      if (!Number.isFinite(n)) return { error: `not a number: ${s}` };
      return { value: typeof v !== 'number' && s.endsWith('%') ? n / 100 : n };
    }
    case 'date': {
      const d = toDate(v);
      return d ? { value: d } : { error: `not a date (YYYY-MM-DD): ${s}` };
    }
    case 'set':
      return {
        value: s
          .split(/[;；,，、|]/)
          .map((x) => x.trim())
          .filter(Boolean),
      };
    case 'boolean': {
      if (/^(是|true|1|y|yes)$/i.test(s)) return { value: true };
      if (/^(否|false|0|n|no)$/i.test(s)) return { value: false };
      return { error: `not yes/no (是/否): ${s}` };
    }
    default:
      return { value: key === 'industryCode' ? s.toUpperCase() : s };
  }
}

export function createEnterpriseImport(deps: { database: Database; clock: Clock }) {
  const { database, clock } = deps;
  const db = database.db;

  async function importFile(
    actor: Actor,
    file: { filename: string; content: Buffer },
    opts: { source?: FactSource; asOf: string },
  ) {
    const { format, header, rows } = await readTable(file.content);
    const known = header.filter((h) => IDENTITY_COLUMNS[h] || FACT_BY_HEADER.has(h));
    if (!header.some((h) => IDENTITY_COLUMNS[h] === 'uscc'))
      throw invalidField('file', 'missing column 统一社会信用代码 (uscc)');
    if (!known.some((h) => FACT_BY_HEADER.has(h)))
      throw invalidField('file', 'no fact columns (use the fact keys or their Chinese labels as headers)');
    const report: { row: number; uscc: string | null; ok: boolean; errors: { column: string; message: string }[] }[] =
      [];
    const good: {
      uscc: string;
      name: string | null;
      phone: string | null;
      facts: Map<BaseFactKey, { value: unknown; source: FactSource; asOf: string }>;
    }[] = [];
    const seen = new Set<string>();
    for (const r of rows) {
      const errors: { column: string; message: string }[] = [];
      let uscc: string | null = null;
      let name: string | null = null;
      let phone: string | null = null;
      const facts = new Map<BaseFactKey, { value: unknown; source: FactSource; asOf: string }>();
      for (const [h, v] of r.cells) {
        const ident = IDENTITY_COLUMNS[h];
        if (ident === 'uscc') {
          uscc = String(v).trim().toUpperCase();
          if (!isValidUscc(uscc))
            errors.push({ column: h, message: `not a valid 统一社会信用代码 (check character): ${uscc}` });
          else if (seen.has(uscc))
            errors.push({ column: h, message: 'the same enterprise appears twice in this file' });
        } else if (ident === 'name') name = String(v).trim().slice(0, 200);
        else if (ident === 'phone') phone = String(v).trim();
        else {
          const key = FACT_BY_HEADER.get(h);
          if (!key) continue;
          const parsed = factValue(key, v);
          if ('error' in parsed) {
            errors.push({ column: h, message: parsed.error });
            continue;
          }
          const fv = { value: parsed.value, source: opts.source ?? BASE_FACTS[key].source, asOf: opts.asOf };
          const check = FactValueSchemas[key].safeParse(fv);
          if (!check.success) errors.push({ column: h, message: check.error.issues.map((i) => i.message).join('; ') });
          else facts.set(key, fv);
        }
      }
      if (!uscc) errors.push({ column: '统一社会信用代码', message: 'required' });
      if (phone && !/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/.test(phone))
        errors.push({ column: '联系电话', message: `not a valid phone number: ${phone}` });
      report.push({ row: r.row, uscc, ok: !errors.length, errors });
      if (!errors.length && uscc) {
        seen.add(uscc);
        good.push({ uscc, name, phone, facts });
      }
    }

    const now = clock.now();
    const importId = newId(now);
    let created = 0;
    let updated = 0;
    await db.transaction().execute(async (trx) => {
      for (let s = 0; s < good.length; s += 500) {
        const slice = good.slice(s, s + 500);
        const existing = new Map(
          (
            await trx
              .selectFrom('enterprise')
              .selectAll()
              .where(
                'uscc',
                'in',
                slice.map((g) => g.uscc),
              )
              .execute()
          ).map((e) => [e.uscc, e]),
        );
        const history = [];
        for (const g of slice) {
          const prev = existing.get(g.uscc);
          const current: Record<string, { value: unknown; source: string; asOf: string }> = prev
            ? JSON.parse(prev.facts)
            : {};
          for (const [key, fv] of g.facts) {
            const old = current[key];
            if (!old) current[key] = fv;
            else if (fv.asOf >= old.asOf) {
              if (JSON.stringify(old) !== JSON.stringify(fv)) {
                history.push({
                  id: newId(now),
                  enterprise_id: prev!.id,
                  fact: key,
                  value: JSON.stringify(old.value),
                  source: old.source,
                  as_of: old.asOf,
                  import_id: importId,
                  recorded_at: now,
                });
                current[key] = fv;
              }
            } else {
              // An older export never overwrites newer data; it is kept as history.
              history.push({
                id: newId(now),
                enterprise_id: prev!.id,
                fact: key,
                value: JSON.stringify(fv.value),
                source: fv.source,
                as_of: fv.asOf,
                import_id: importId,
                recorded_at: now,
              });
            }
          }
          const districtCode = (current.districtCode?.value as string | undefined) ?? null;
          const industryCode = (current.industryCode?.value as string | undefined) ?? null;
          if (prev) {
            updated++;
            await trx
              .updateTable('enterprise')
              .set({
                facts: JSON.stringify(current),
                name: g.name ?? prev.name,
                phone: g.phone ?? prev.phone,
                district_code: districtCode,
                industry_code: industryCode,
                updated_at: now,
              })
              .where('id', '=', prev.id)
              .execute();
          } else {
            created++;
            await trx
              .insertInto('enterprise')
              .values({
                id: newId(now),
                uscc: g.uscc,
                name: g.name ?? g.uscc,
                phone: g.phone,
                district_code: districtCode,
                industry_code: industryCode,
                facts: JSON.stringify(current),
                created_at: now,
                updated_at: now,
              })
              .execute();
          }
        }
        for (let h = 0; h < history.length; h += 500)
          await trx
            .insertInto('enterprise_fact_history')
            .values(history.slice(h, h + 500))
            .execute();
      }
      await trx
        .insertInto('enterprise_import')
        .values({
          id: importId,
          filename: file.filename.slice(0, 200),
          format,
          source: opts.source ?? null,
          as_of: opts.asOf,
          total: report.length,
          imported: good.length,
          skipped: report.length - good.length,
          report: JSON.stringify(report.filter((r) => !r.ok)),
          created_by: actor.id,
          created_at: now,
        })
        .execute();
    });
    return {
      id: importId,
      format,
      total: report.length,
      imported: good.length,
      created,
      updated,
      skipped: report.length - good.length,
      rows: report,
    };
  }

  return { importFile };
}
