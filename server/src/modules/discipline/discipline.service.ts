// The discipline inspection commission's work (纪委监委, SPEC §1/§2.3): case clues with the item's evidence timeline
// (never the requester), following them up and closing them (audited), and undercover checks (暗访) that may put a
// problem on the ledger with channel `inspection`.
import type { RegisterItemBody } from '@tingquan/common';
import type { Database } from '../../db/database.ts';
import type { Clock } from '../../lib/clock.ts';
import { localDay, toIso } from '../../lib/clock.ts';
import { AppError, invalidField, notFound } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import type { Actor } from '../auth/actor.ts';
import { presentSummary } from '../items/item.presenter.ts';
import { itemsQuery, SUMMARY_COLUMNS } from '../items/item.repository.ts';
import type { ItemService } from '../items/item.service.ts';
import { appendAudit } from '../ledger/event.repository.ts';
import {
  eventsWithActors,
  findClue,
  listClues,
  listUndercover,
  lockClue,
  type ClueRow,
  type UndercoverRow,
} from './discipline.repository.ts';
import type { ClueDetail, ClueListQuery, UndercoverBody } from './discipline.schemas.ts';

type Note = ClueDetail['notes'][number];

export function createDisciplineService(deps: { database: Database; clock: Clock; items: ItemService }) {
  const { database, clock, items } = deps;
  const db = database.db;

  /** Clues are kept to the reader's jurisdiction: a district office sees its district, the city sees all. */
  const mayRead = (actor: Actor, row: { district_id: string | null }) =>
    !actor.districtId || row.district_id === actor.districtId;
  const roleOf = (actor: Actor) => (actor.roles.includes('inspector') ? 'inspector' : (actor.roles[0] ?? null));

  const present = (r: ClueRow) => ({
    id: r.id,
    itemId: r.item_id,
    ledgerNo: r.ledger_no ?? null,
    itemTitle: r.item_title ?? null,
    itemStatus: r.item_status ?? null,
    districtId: r.district_id,
    departmentId: r.department_id,
    departmentName: r.department_name ?? null,
    rule: r.rule,
    reason: r.reason,
    status: r.status as 'open' | 'following' | 'closed',
    createdAt: toIso(r.created_at)!,
    updatedAt: toIso(r.updated_at)!,
  });

  async function list(actor: Actor, q: ClueListQuery) {
    const { rows, total } = await listClues(db, actor.districtId, q);
    return { total, page: q.page, pageSize: q.pageSize, items: rows.map(present) };
  }

  async function get(actor: Actor, id: string): Promise<ClueDetail> {
    const row = await findClue(db, id);
    if (!row || !mayRead(actor, row)) throw notFound('clue');
    let item: ClueDetail['item'] = null;
    let events: ClueDetail['events'] = [];
    if (row.item_id) {
      const summary = await itemsQuery(db, database.dialect, actor, {}, clock.now())
        .select([...SUMMARY_COLUMNS])
        .where('item.id', '=', row.item_id)
        .executeTakeFirst();
      if (summary) {
        // The commission judges conduct, not the person who complained: the requester stays out of the clue.
        item = { ...presentSummary(summary, { hideRequester: true }), requesterName: null };
        events = (await eventsWithActors(db, row.item_id)).map((e) => ({
          seq: Number(e.seq),
          action: e.action,
          at: toIso(e.at)!,
          actorName: e.display_name ?? null,
          actorRole: e.actor_role,
          data: JSON.parse(e.data) as Record<string, unknown>,
        }));
      }
    }
    return { ...present(row), notes: JSON.parse(row.notes ?? '[]') as Note[], item, events };
  }

  /** follow: open/following → following; close: → closed. Each adds a note and an audit event, in one transaction. */
  async function decide(actor: Actor, id: string, action: 'follow' | 'close', note: string): Promise<ClueDetail> {
    await db.transaction().execute(async (trx) => {
      const clue = await lockClue(trx, database.dialect, id);
      if (!clue || !mayRead(actor, clue)) throw notFound('clue');
      if (clue.status === 'closed') throw new AppError('conflict', 'the clue is already closed');
      const now = clock.now();
      const notes: Note[] = [
        ...(JSON.parse(clue.notes ?? '[]') as Note[]),
        { at: toIso(now)!, by: actor.displayName, action, note },
      ];
      const res = await trx
        .updateTable('clue')
        .set({ status: action === 'close' ? 'closed' : 'following', notes: JSON.stringify(notes), updated_at: now })
        .where('id', '=', id)
        .where('status', '=', clue.status)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw new AppError('conflict', 'the clue changed meanwhile; reload it');
      await appendAudit(trx, database.dialect, {
        action: `clue.${action}`,
        actorId: actor.id,
        actorRole: roleOf(actor),
        at: now,
        data: { clueId: id, itemId: clue.item_id, from: clue.status, note },
      });
    });
    return get(actor, id);
  }

  async function assertUndercoverRefs(actor: Actor, body: UndercoverBody): Promise<{ districtId: string | null }> {
    let districtId = body.districtId ?? null;
    if (districtId && !(await db.selectFrom('district').select('id').where('id', '=', districtId).executeTakeFirst()))
      throw invalidField('districtId', 'unknown district');
    if (body.centreId) {
      const c = await db
        .selectFrom('service_centre')
        .select(['district_id'])
        .where('id', '=', body.centreId)
        .executeTakeFirst();
      if (!c) throw invalidField('centreId', 'unknown service centre');
      if (districtId && c.district_id && c.district_id !== districtId)
        throw invalidField('centreId', 'the service centre is in another district');
      districtId ??= c.district_id;
    }
    if (
      body.departmentId &&
      !(await db.selectFrom('department').select('id').where('id', '=', body.departmentId).executeTakeFirst())
    ) {
      throw invalidField('departmentId', 'unknown department');
    }
    if (actor.districtId) {
      if (districtId && districtId !== actor.districtId)
        throw invalidField(body.districtId ? 'districtId' : 'centreId', 'outside your jurisdiction');
      districtId = actor.districtId;
    }
    if (body.checkedOn > localDay(clock.now())) throw invalidField('checkedOn', 'must not be in the future');
    if (body.raiseItem) {
      const cat = await db
        .selectFrom('category')
        .select(['active'])
        .where('id', '=', body.raiseItem.categoryId)
        .executeTakeFirst();
      if (!cat || !cat.active) throw invalidField('raiseItem.categoryId', 'unknown category');
    }
    return { districtId };
  }

  async function recordUndercover(actor: Actor, body: UndercoverBody) {
    const { districtId } = await assertUndercoverRefs(actor, body);
    // The ledger item goes through the one intake use case (its own transaction, numbering and events).
    const raised = body.raiseItem
      ? await items.intake(actor, {
          channel: 'inspection',
          type: body.raiseItem.type,
          categoryId: body.raiseItem.categoryId,
          title: body.raiseItem.title,
          description: body.raiseItem.description,
          districtId: districtId ?? undefined,
          centreId: body.centreId,
          requester: { kind: 'anonymous' },
          confidential: true,
        } as RegisterItemBody)
      : null;
    const now = clock.now();
    const id = newId(now);
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('undercover_check')
        .values({
          id,
          district_id: districtId,
          centre_id: body.centreId ?? null,
          department_id: body.departmentId ?? null,
          checked_on: body.checkedOn,
          findings: body.findings,
          item_id: raised?.id ?? null,
          created_by: actor.id ?? 'system',
          created_at: now,
        })
        .execute();
      await appendAudit(trx, database.dialect, {
        action: 'undercover.create',
        actorId: actor.id,
        actorRole: roleOf(actor),
        at: now,
        data: { undercoverCheckId: id, itemId: raised?.id ?? null, districtId },
      });
    });
    const { rows } = await listUndercover(db, { districtId: null, id }, { page: 1, pageSize: 1 });
    return presentUndercover(rows[0]);
  }

  const presentUndercover = (r: UndercoverRow) => ({
    id: r.id,
    districtId: r.district_id,
    districtName: r.district_name ?? null,
    centreId: r.centre_id,
    centreName: r.centre_name ?? null,
    departmentId: r.department_id,
    departmentName: r.department_name ?? null,
    checkedOn: r.checked_on,
    findings: r.findings,
    itemId: r.item_id,
    ledgerNo: r.ledger_no ?? null,
    createdBy: r.created_by,
    createdAt: toIso(r.created_at)!,
  });

  async function undercoverList(actor: Actor, q: { page: number; pageSize: number }) {
    const { rows, total } = await listUndercover(db, { districtId: actor.districtId }, q);
    return { total, page: q.page, pageSize: q.pageSize, items: rows.map(presentUndercover) };
  }

  return { list, get, decide, recordUndercover, undercoverList };
}
export type DisciplineService = ReturnType<typeof createDisciplineService>;
