// Open311 GeoReport v2 use cases: services from the category tree, postings that become ledger items through the
// ordinary intake, the public feed (never confidential items, never who raised them), and the admin's API keys.
import { OPEN_STATUSES, registerItemBody, type RegisterItemBody, type Tier } from '@tingquan/common';
import { z } from 'zod';
import type { Database } from '../../db/database.ts';
import type { Clock } from '../../lib/clock.ts';
import { toIso } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import { randomToken } from '../../lib/ids.ts';
import type { Actor } from '../auth/actor.ts';
import type { AuthService } from '../auth/auth.service.ts';
import type { DeadlineService } from '../deadlines/deadline.service.ts';
import type { Idempotency, ItemService } from '../items/item.service.ts';
import { appendAudit } from '../ledger/event.repository.ts';
import {
  findKey,
  findPostingByItem,
  findPostingByToken,
  findPrimaries,
  insertPosting,
  listFeed,
  listKeys,
  listLeafCategories,
  loadNames,
  type FeedFilter,
  type FeedRow,
  type ServiceRow,
} from './open311.repository.ts';

/** Spec: a search spans at most 90 days and returns at most 1000 requests. */
export const MAX_SPAN_MS = 90 * 86_400_000;
export const FEED_LIMIT = 1000;
const READ_LOG_FLUSH_MS = 10_000;

/**
 * The attribute format an admin stores in `category.attributes` (JSON): the spec's service definition attributes.
 * `variable: false` is an informational attribute shown to the user and never asked for.
 */
export const serviceAttributeConfig = z
  .object({
    code: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[A-Za-z0-9_.-]+$/),
    datatype: z.enum(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']),
    required: z.boolean().default(false),
    variable: z.boolean().default(true),
    description: z.string().max(500).nullable().default(null),
    datatype_description: z.string().max(500).nullable().default(null),
    order: z.number().int().min(1).nullable().default(null),
    values: z
      .array(z.object({ key: z.string().min(1).max(64), name: z.string().min(1).max(200) }))
      .max(200)
      .default([]),
  })
  .strict();
export const serviceAttributesConfig = z.array(serviceAttributeConfig).max(50);
export type ServiceAttribute = z.infer<typeof serviceAttributeConfig>;

// ---- errors: the spec's codes (400 bad argument, 403 key, 404 unknown jurisdiction/service/request) ----
export const badArgument = (field: string, message: string) =>
  new AppError('validation', `${field}: ${message}`, { issues: [{ path: field, message }] });
const notFound = (message: string) => new AppError('not_found', message);
const keyRefused = (message: string) => new AppError('forbidden', message);

type Params = Record<string, unknown>;

/** Optional arguments: an empty parameter is the same as an absent one (spec "Optional Arguments"). */
function str(params: Params, name: string): string | undefined {
  const v = params[name];
  if (v === undefined || v === null) return undefined;
  if (Array.isArray(v)) throw badArgument(name, 'given more than once');
  const s = String(v).trim();
  return s === '' ? undefined : s;
}

/** ISO 8601 with a time zone (Z or ±hh:mm), as the spec requires of every datetime. */
const ISO_DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):?(\d{2}))$/;

/** Epoch ms of an ISO 8601 datetime with a zone, or NaN; a day that does not exist (2026-02-30) is refused, not rolled over. */
function parseIsoDatetime(s: string): number {
  const m = ISO_DATETIME.exec(s);
  if (!m) return NaN;
  const [y, mo, d, h, mi, sec, oh, om] = m.slice(1).map((v) => (v === undefined ? 0 : Number(v)));
  const daysInMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth || h > 23 || mi > 59 || sec > 59 || oh > 23 || om > 59) return NaN;
  return Date.parse(s.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
}

function datetime(params: Params, name: string): number | undefined {
  const s = str(params, name);
  if (s === undefined) return undefined;
  const ms = parseIsoDatetime(s);
  if (!Number.isFinite(ms))
    throw badArgument(name, 'must be an ISO 8601 datetime with a time zone, e.g. 2026-11-30T10:00:00+08:00');
  return ms;
}

function list(s: string | undefined, name: string, max: number): string[] | undefined {
  if (s === undefined) return undefined;
  const parts = [
    ...new Set(
      s
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean),
    ),
  ];
  if (!parts.length) return undefined;
  if (parts.length > max) throw badArgument(name, `at most ${max} values`);
  return parts;
}

/**
 * Open311 knows two statuses. `closed` is a ledger item closed out (销号) or rejected (不予受理): both are final
 * answers, with the reply or the reason as status_notes. Everything still being worked on is `open`, parked (挂账)
 * and extended items included (SPEC §2.2: never counted as closed). A merged duplicate shows its primary's outcome.
 */
const CLOSED_STATUSES = ['closed', 'rejected'];

const TIER_LABEL: Record<Tier, string> = { simple: '简单问题', general: '一般问题', complex: '复杂问题' };
const OPEN_NOTES: Record<string, string> = {
  submitted: '已登记，待营商局受理',
  accepted: '已受理，待交办',
  dispatched: '已交办至责任部门，待签收',
  in_progress: '责任部门办理中',
  parked: '挂账办理中',
  replied: '已答复，待回访',
  verified: '已回访，待销号',
};

export function createOpen311Service(deps: {
  database: Database;
  clock: Clock;
  deadlines: DeadlineService;
  auth: AuthService;
  items: ItemService;
  jurisdiction: string;
}) {
  const { database, clock, deadlines, auth, items } = deps;
  const db = database.db;

  function checkJurisdiction(params: Params) {
    const j = str(params, 'jurisdiction_id');
    if (j !== undefined && j !== deps.jurisdiction)
      throw notFound(`jurisdiction_id ${j} not found; this endpoint serves ${deps.jurisdiction}`);
  }

  /** A stored attribute list an admin got wrong is left out (and the service shows no metadata) rather than a 500. */
  function attributesOf(row: Pick<ServiceRow, 'attributes'>): ServiceAttribute[] {
    if (!row.attributes) return [];
    try {
      const parsed = serviceAttributesConfig.safeParse(JSON.parse(row.attributes));
      return parsed.success ? [...parsed.data].sort((a, b) => (a.order ?? 1e9) - (b.order ?? 1e9)) : [];
    } catch {
      return [];
    }
  }

  async function serviceByCode(code: string): Promise<ServiceRow> {
    const row = (await listLeafCategories(db)).find((s) => s.code === code);
    if (!row) throw notFound(`service_code ${code} not found`);
    return row;
  }

  async function services(params: Params) {
    checkJurisdiction(params);
    const rows = await listLeafCategories(db);
    return rows.map((r) => ({
      service_code: r.code,
      service_name: r.name,
      description: r.group_name ? `${r.group_name} · ${r.name}` : r.name,
      metadata: attributesOf(r).length > 0,
      type: 'realtime' as const,
      keywords: [r.name, r.name_en, r.group_name].filter(Boolean).join(', '),
      group: r.group_name,
    }));
  }

  async function definition(code: string, params: Params) {
    checkJurisdiction(params);
    const row = await serviceByCode(code);
    return {
      service_code: row.code,
      attributes: attributesOf(row).map((a, i) => ({
        variable: a.variable,
        code: a.code,
        datatype: a.datatype,
        required: a.required,
        datatype_description: a.datatype_description,
        order: a.order ?? i + 1,
        description: a.description,
        values: a.values,
      })),
    };
  }

  // ---- service_notice: the deadline tier in words, from the SLA matrix the item is measured against ----
  async function noticeFor() {
    const dl = await deadlines.snapshot();
    const memo = new Map<string, string>();
    return (r: { tier: string; urgent: number; type: string; category_id: string; extension_days: number }) => {
      const key = `${r.tier}|${r.urgent}|${r.type}|${r.category_id}|${r.extension_days}`;
      let s = memo.get(key);
      if (s === undefined) {
        const rule = dl.rule({ tier: r.tier as Tier, urgent: !!r.urgent, type: r.type, categoryId: r.category_id });
        s = `${TIER_LABEL[r.tier as Tier] ?? r.tier}${rule.handleDays}个工作日内办结`;
        if (r.urgent) s += '（加急）';
        if (r.extension_days) s += `，经批准延期${r.extension_days}个工作日`;
        memo.set(key, s);
      }
      return s;
    };
  }

  async function intakeNotice(): Promise<string> {
    const dl = await deadlines.snapshot();
    const days = (['simple', 'general', 'complex'] as const).map(
      (tier) =>
        `${TIER_LABEL[tier]}${dl.rule({ tier, urgent: false, type: 'complaint', categoryId: '' }).handleDays}个工作日`,
    );
    return `已登记，营商局受理后按问题复杂程度限时办结：${days.join('、')}`;
  }

  type Primary = Awaited<ReturnType<typeof findPrimaries>>[number];

  function present(
    r: FeedRow,
    x: { names: Awaited<ReturnType<typeof loadNames>>; primary?: Primary; notice: (r: FeedRow) => string },
  ) {
    // A merged item follows its primary (SPEC §2.2): its requester is answered with the primary's outcome.
    const src = r.status === 'merged' && x.primary ? x.primary : r;
    const status = r.status === 'merged' && !x.primary ? 'submitted' : src.status;
    const closed = CLOSED_STATUSES.includes(status);
    // `answer` is the reply, or a rejected item's reason; `answered_at` when it was closed out or rejected.
    const notes =
      status === 'rejected'
        ? `不予受理：${src.answer ?? ''}`.trim()
        : (src.answer ??
          (r.status === 'merged' && x.primary ? `已并入 ${x.primary.ledger_no}` : (OPEN_NOTES[status] ?? null)));
    const closedAt = src.answered_at;
    const category = x.names.categories.get(r.category_id);
    return {
      service_request_id: r.ledger_no,
      status: closed ? ('closed' as const) : ('open' as const),
      status_notes: notes,
      service_name: category?.name ?? null,
      service_code: category?.code ?? r.category_id,
      description: r.description,
      agency_responsible: r.main_department_id ? (x.names.departments.get(r.main_department_id) ?? null) : null,
      service_notice: x.notice(r),
      requested_datetime: toIso(r.submitted_at)!,
      updated_datetime: toIso(closed && closedAt ? closedAt : r.updated_at),
      expected_datetime: toIso(r.handle_due_at),
      address:
        r.place_text ??
        (r.centre_id ? x.names.centres.get(r.centre_id) : undefined) ??
        (r.district_id ? x.names.districts.get(r.district_id) : undefined) ??
        null,
      address_id: r.address_id,
      lat: r.lat === null ? null : Number(r.lat),
      long: r.lng === null ? null : Number(r.lng),
      media_url: r.media_url,
    };
  }

  async function feed(filter: FeedFilter) {
    const [rows, names, notice] = await Promise.all([listFeed(database, filter), loadNames(db), noticeFor()]);
    const merged = rows.filter((r) => r.status === 'merged' && r.primary_id).map((r) => r.primary_id!);
    const primaries = new Map((await findPrimaries(db, [...new Set(merged)])).map((p) => [p.id, p]));
    return rows.map((r) =>
      present(r, { names, notice, primary: r.primary_id ? primaries.get(r.primary_id) : undefined }),
    );
  }
  type Open311Request = ReturnType<typeof present>;

  async function requests(params: Params): Promise<Open311Request[]> {
    checkJurisdiction(params);
    const ids = list(str(params, 'service_request_id'), 'service_request_id', 100);
    // Parsed even when service_request_id overrides them, so that a malformed argument is never silently ignored.
    const codes = list(str(params, 'service_code'), 'service_code', 50);
    let from = datetime(params, 'start_date');
    let to = datetime(params, 'end_date');
    const statuses = list(str(params, 'status'), 'status', 2);
    for (const s of statuses ?? [])
      if (s !== 'open' && s !== 'closed') throw badArgument('status', `${s} is not open or closed`);
    if (from !== undefined && to !== undefined && from > to) throw badArgument('end_date', 'is before start_date');
    if (from !== undefined && to !== undefined && to - from > MAX_SPAN_MS)
      throw badArgument('end_date', 'a search may not span more than 90 days');
    let categoryIds: string[] | undefined;
    if (codes) {
      const all = await listLeafCategories(db);
      categoryIds = codes.map((c) => {
        const found = all.find((s) => s.code === c);
        if (!found) throw notFound(`service_code ${c} not found`);
        return found.id;
      });
    }
    // "This overrides all other arguments."
    if (ids) return feed({ ledgerNos: ids, limit: ids.length });
    // Defaults: the 90 days up to end_date (or now), or the 90 days from start_date.
    if (to === undefined) to = from === undefined ? clock.now() : from + MAX_SPAN_MS;
    if (from === undefined) from = to - MAX_SPAN_MS;
    const wanted = statuses && statuses.length === 1 ? statuses[0] : undefined;
    const out = await feed({
      categoryIds,
      from,
      to,
      statuses: wanted === 'closed' ? CLOSED_STATUSES : wanted === 'open' ? [...OPEN_STATUSES, 'merged'] : undefined,
      limit: FEED_LIMIT,
    });
    // A merged item takes its primary's status, which SQL filtered on the item's own.
    return wanted ? out.filter((r) => r.status === wanted) : out;
  }

  async function request(id: string, params: Params): Promise<Open311Request[]> {
    checkJurisdiction(params);
    const out = await feed({ ledgerNos: [id], limit: 1 });
    if (!out.length) throw notFound(`service_request_id ${id} not found`);
    return out;
  }

  async function token(tokenId: string, params: Params) {
    checkJurisdiction(params);
    const row = await findPostingByToken(db, tokenId);
    if (!row || row.confidential) throw notFound(`token ${tokenId} not found`);
    return [{ service_request_id: row.ledger_no, token: row.token }];
  }

  // ---- keys ----
  async function keyActor(params: Params): Promise<{ actor: Actor; tokenId: string }> {
    const key = str(params, 'api_key');
    if (!key) throw keyRefused('api_key was not provided');
    if (key.length > 200) throw keyRefused('api_key is invalid');
    const found = await auth.tokenActor(key, 'open311');
    if (!found) throw keyRefused('api_key is invalid or revoked');
    return found;
  }

  // Reads with a key are logged too, but summed per key and flushed every few seconds: one audit event per burst
  // instead of a serialised audit append on every GET.
  const pendingReads = new Map<string, { actorId: string | null; count: number; first: number; last: number }>();
  let flushTimer: NodeJS.Timeout | null = null;
  async function flushReadLog() {
    if (flushTimer) clearTimeout(flushTimer);
    flushTimer = null;
    if (!pendingReads.size) return;
    const batch = [...pendingReads.entries()];
    pendingReads.clear();
    await db.transaction().execute(async (trx) => {
      for (const [tokenId, r] of batch) {
        await appendAudit(trx, database.dialect, {
          action: 'open311.read',
          actorId: r.actorId,
          actorRole: null,
          at: clock.now(),
          data: { tokenId, count: r.count, from: r.first, to: r.last },
        });
      }
    });
  }
  async function noteRead(params: Params) {
    if (str(params, 'api_key') === undefined) return;
    const { actor, tokenId } = await keyActor(params);
    const now = clock.now();
    const r = pendingReads.get(tokenId) ?? { actorId: actor.id, count: 0, first: now, last: now };
    r.count++;
    r.last = now;
    pendingReads.set(tokenId, r);
    flushTimer ??= setTimeout(() => void flushReadLog().catch(() => undefined), READ_LOG_FLUSH_MS).unref();
  }

  // ---- POST requests ----
  function attributeValues(
    params: Params,
    defs: ServiceAttribute[],
  ): { values: Record<string, string | string[]>; lines: string[] } {
    const values: Record<string, string | string[]> = {};
    const lines: string[] = [];
    const known = new Map(defs.map((d) => [d.code, d]));
    for (const key of Object.keys(params)) {
      const m = /^attribute\[([^\]]+)\](\[\])?$/.exec(key);
      if (!m) continue;
      if (!known.has(m[1])) throw badArgument(`attribute[${m[1]}]`, 'is not an attribute of this service');
    }
    for (const def of defs) {
      if (!def.variable) continue;
      const field = `attribute[${def.code}]`;
      const raw = params[field] ?? params[`${field}[]`];
      const given = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw])
        .map((v) => String(v).trim())
        .filter((v) => v !== '');
      if (!given.length) {
        if (def.required) throw badArgument(field, 'is required for this service');
        continue;
      }
      if (def.datatype !== 'multivaluelist' && given.length > 1) throw badArgument(field, 'takes one value');
      const v = given[0];
      if (given.some((g) => g.length > 2000)) throw badArgument(field, 'at most 2000 characters');
      if (def.datatype === 'number' && !/^-?\d+(\.\d+)?$/.test(v)) throw badArgument(field, 'must be a number');
      if (def.datatype === 'datetime' && !Number.isFinite(parseIsoDatetime(v)))
        throw badArgument(field, 'must be an ISO 8601 datetime with a time zone');
      if (def.datatype === 'singlevaluelist' || def.datatype === 'multivaluelist') {
        for (const g of given)
          if (!def.values.some((o) => o.key === g)) throw badArgument(field, `${g} is not one of the listed values`);
      }
      values[def.code] = def.datatype === 'multivaluelist' ? given : v;
      const shown = def.datatype.endsWith('valuelist')
        ? given.map((g) => def.values.find((o) => o.key === g)!.name).join('、')
        : v;
      lines.push(`${def.description ?? def.code}：${shown}`);
    }
    return { values, lines };
  }

  function number(params: Params, name: string): number | undefined {
    const s = str(params, name);
    if (s === undefined) return undefined;
    if (!/^-?\d+(\.\d+)?$/.test(s)) throw badArgument(name, 'must be a decimal number (WGS84)');
    return Number(s);
  }

  // Our field names back to the Open311 argument a client sent, for error messages.
  const FIELD_NAMES: Record<string, string> = {
    description: 'description',
    title: 'description',
    placeText: 'address_string',
    lat: 'lat',
    lng: 'long',
    'requester.phone': 'phone',
    'requester.name': 'last_name',
  };

  async function post(params: Params, opts: { idem?: (actor: Actor, body: unknown) => Idempotency | undefined } = {}) {
    checkJurisdiction(params);
    const { actor, tokenId } = await keyActor(params);
    const code = str(params, 'service_code');
    if (!code) throw badArgument('service_code', 'was not provided');
    const service = await serviceByCode(code);
    const lat = number(params, 'lat');
    const lng = number(params, 'long');
    if ((lat === undefined) !== (lng === undefined))
      throw badArgument(lat === undefined ? 'lat' : 'long', 'lat and long go together');
    const address = str(params, 'address_string');
    const addressId = str(params, 'address_id');
    if (lat === undefined && !address && !addressId)
      throw badArgument('lat', 'a location is required: lat and long, address_string or address_id');
    if (addressId && addressId.length > 100) throw badArgument('address_id', 'at most 100 characters');
    const email = str(params, 'email');
    if (email && (email.length > 200 || !z.email().safeParse(email).success))
      throw badArgument('email', 'not an email address');
    const mediaUrl = str(params, 'media_url');
    if (mediaUrl && (mediaUrl.length > 1000 || !/^https?:\/\/[^\s]+$/i.test(mediaUrl) || !URL.canParse(mediaUrl)))
      throw badArgument('media_url', 'must be an http(s) URL');
    for (const name of ['device_id', 'account_id']) {
      const v = str(params, name);
      if (v && v.length > 200) throw badArgument(name, 'at most 200 characters');
    }
    const attrs = attributeValues(params, attributesOf(service));
    const text = str(params, 'description') ?? '';
    const description = [text, ...attrs.lines].filter(Boolean).join('\n');
    const first = str(params, 'first_name');
    const last = str(params, 'last_name');
    const phone = str(params, 'phone');
    // Chinese order: family name first.
    const name = [last, first].filter(Boolean).join('') || undefined;
    const summary = [...(text || attrs.lines.join('；'))].slice(0, 40).join('');
    const body: RegisterItemBody = {
      type: 'complaint',
      channel: 'api',
      categoryId: service.id,
      title: `${service.name}：${summary}`,
      description,
      placeText: address ?? (addressId ? `地址编号 ${addressId}` : undefined),
      lat,
      lng,
      requester: phone ? { kind: 'person', name, phone } : { kind: 'anonymous', name },
      confidential: false,
    } as RegisterItemBody;
    const parsed = registerItemBody.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const path = issue.path.join('.');
      throw badArgument(FIELD_NAMES[path] ?? path, issue.message);
    }
    // The posting (its token, attributes, media) and its audit entry are stored in the item's own transaction: an
    // acknowledged request always has its token, and a failed one leaves neither.
    let created = false;
    const receipt = await items.intake(actor, parsed.data, {
      idem: opts.idem?.(actor, params),
      also: async (trx, r) => {
        created = true;
        const now = clock.now();
        await insertPosting(trx, {
          item_id: r.id,
          token: randomToken(16),
          api_token_id: tokenId,
          service_code: service.code,
          attributes: JSON.stringify(attrs.values),
          media_url: mediaUrl ?? null,
          address_id: addressId ?? null,
          email: email ?? null,
          created_at: now,
        });
        await appendAudit(trx, database.dialect, {
          action: 'open311.post',
          actorId: actor.id,
          actorRole: null,
          at: now,
          data: { tokenId, itemId: r.id, ledgerNo: r.ledgerNo, serviceCode: service.code },
        });
      },
    });
    if (!created) {
      // A retry answered with the first posting's answer: still a use of the key, logged as such.
      const now = clock.now();
      await db.transaction().execute((trx) =>
        appendAudit(trx, database.dialect, {
          action: 'open311.post',
          actorId: actor.id,
          actorRole: null,
          at: now,
          data: { tokenId, itemId: receipt.id, ledgerNo: receipt.ledgerNo, serviceCode: service.code, replay: true },
        }),
      );
    }
    // An idempotent retry finds the token stored by the first posting.
    const posting = await findPostingByItem(db, receipt.id);
    return [{ service_request_id: receipt.ledgerNo, token: posting!.token, service_notice: await intakeNotice() }];
  }

  // ---- admin: keys of kind open311 ----
  const presentKey = (k: NonNullable<Awaited<ReturnType<typeof findKey>>>) => ({
    id: k.id,
    name: k.name,
    userId: k.user_id,
    userName: k.user_name,
    createdAt: toIso(k.created_at)!,
    revokedAt: toIso(k.revoked_at),
    lastUsedAt: toIso(k.last_used_at),
    useCount: Number(k.use_count),
  });

  async function issueKey(admin: Actor, input: { name: string; userId?: string }) {
    const userId = input.userId ?? admin.id!;
    const user = await db
      .selectFrom('app_user')
      .select(['id', 'roles', 'active'])
      .where('id', '=', userId)
      .executeTakeFirst();
    if (!user || !user.active) throw badArgument('userId', 'no such active user');
    // Postings register on channel `api`, which only staff may do: a requester's key would be refused at every use.
    if (!(JSON.parse(user.roles) as string[]).some((r) => r !== 'requester'))
      throw badArgument('userId', 'the key must belong to a staff account');
    const now = clock.now();
    const created = await db.transaction().execute(async (trx) => {
      const t = await auth.createToken(trx, { name: input.name, userId, kind: 'open311' });
      await appendAudit(trx, database.dialect, {
        action: 'open311.key_issued',
        actorId: admin.id,
        actorRole: 'admin',
        at: now,
        data: { tokenId: t.id, name: input.name, userId },
      });
      return t;
    });
    const row = await findKey(db, created.id);
    return { ...presentKey(row!), token: created.token };
  }

  async function keys() {
    return (await listKeys(db)).map(presentKey);
  }

  async function revokeKey(admin: Actor, id: string) {
    const row = await findKey(db, id);
    if (!row) throw notFound('key not found');
    if (!row.revoked_at) {
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('api_token')
          .set({ revoked_at: now })
          .where('id', '=', id)
          .where('revoked_at', 'is', null)
          .execute();
        await appendAudit(trx, database.dialect, {
          action: 'open311.key_revoked',
          actorId: admin.id,
          actorRole: 'admin',
          at: now,
          data: { tokenId: id },
        });
      });
    }
    return presentKey((await findKey(db, id))!);
  }

  return {
    services,
    definition,
    requests,
    request,
    token,
    post,
    noteRead,
    flushReadLog,
    issueKey,
    keys,
    revokeKey,
    jurisdiction: deps.jurisdiction,
  };
}
export type Open311Service = ReturnType<typeof createOpen311Service>;
