// Turns item rows into the API's shapes: camelCase, ISO times in the city's zone, PII masked, abilities attached.
import { ESCALATION_STEPS, type ItemAction, type ItemDetail, type ItemSummary } from '@tingquan/common';
import { toIso } from '../../lib/clock.ts';
import type { ItemRow, SummaryRow } from './item.repository.ts';

export function maskName(name: string | null): string | null {
  if (!name) return name;
  const chars = [...name];
  return chars.length <= 1 ? '*' : chars[0] + '*'.repeat(Math.min(chars.length - 1, 3));
}

export function maskPhone(phone: string | null): string | null {
  if (!phone) return phone;
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

export function maskUscc(code: string | null): string | null {
  return code ? `${code.slice(0, 6)}********${code.slice(-4)}` : code;
}

const warn = (level: number) => (['none', 'yellow', 'red'] as const)[Math.max(0, Math.min(2, level))];

export function presentSummary(row: SummaryRow, opts: { hideRequester: boolean }): ItemSummary {
  return {
    id: row.id,
    ledgerNo: row.ledger_no,
    channel: row.channel as ItemSummary['channel'],
    type: row.type as ItemSummary['type'],
    categoryId: row.category_id,
    categoryName: row.category_name ?? null,
    title: row.title,
    status: row.status as ItemSummary['status'],
    tier: row.tier as ItemSummary['tier'],
    urgent: !!row.urgent,
    districtId: row.district_id,
    districtName: row.district_name ?? null,
    mainDepartmentId: row.main_department_id,
    mainDepartmentName: row.department_name ?? null,
    requesterName:
      opts.hideRequester || row.confidential
        ? null
        : maskName(row.requester_kind === 'enterprise' ? row.requester_org : row.requester_name),
    submittedAt: toIso(row.submitted_at)!,
    acceptedAt: toIso(row.accepted_at),
    handleDueAt: toIso(row.handle_due_at),
    signDueAt: row.sign_met === null ? toIso(row.sign_due_at) : null,
    callbackDueAt: row.callback_met === null ? toIso(row.callback_due_at) : null,
    warnLevel: warn(row.warn_level),
    escalation: ESCALATION_STEPS[row.escalation_level] ?? 'none',
    problem: !!row.problem,
    satisfaction: row.satisfaction as ItemSummary['satisfaction'],
    closedAt: toIso(row.closed_at),
  };
}

export interface DetailExtras {
  categoryName: string | null;
  districtName: string | null;
  departmentName: string | null;
  centreName: string | null;
  windowName: string | null;
  projectName: string | null;
  departments: ItemDetail['departments'];
  events: ItemDetail['events'];
  attachments: ItemDetail['attachments'];
  mergedIds: string[];
  abilities: ItemAction[];
  /** 'full' after a logged reveal, 'masked' by default, 'hidden' for departments on a confidential item. */
  requesterView: 'full' | 'masked' | 'hidden';
}

export function presentDetail(row: ItemRow, x: DetailExtras): ItemDetail {
  const v = x.requesterView;
  const show = <T extends string | null>(value: T, mask: (s: T) => T | string | null) =>
    v === 'hidden' ? null : v === 'full' ? value : mask(value);
  return {
    ...presentSummary(
      {
        ...row,
        category_name: x.categoryName,
        district_name: x.districtName,
        department_name: x.departmentName,
      } as unknown as SummaryRow,
      { hideRequester: v === 'hidden' },
    ),
    requesterName:
      v === 'hidden'
        ? null
        : (show(row.requester_kind === 'enterprise' ? row.requester_org : row.requester_name, maskName) as
            | string
            | null),
    description: row.description,
    placeText: row.place_text,
    centreId: row.centre_id,
    centreName: x.centreName,
    windowId: row.window_id,
    windowName: x.windowName,
    lat: row.lat === null ? null : Number(row.lat),
    lng: row.lng === null ? null : Number(row.lng),
    confidential: !!row.confidential,
    requester: {
      kind: row.requester_kind as ItemDetail['requester']['kind'],
      name: show(row.requester_name, maskName) as string | null,
      phone: show(row.requester_phone, maskPhone) as string | null,
      organization: v === 'hidden' ? null : row.requester_org,
      uscc: show(row.requester_uscc, maskUscc) as string | null,
      masked: v === 'masked',
      hidden: v === 'hidden',
    },
    projectId: row.project_id,
    projectName: x.projectName,
    departments: x.departments,
    dispatchCount: row.dispatch_count,
    returnCount: row.return_count,
    redoCount: row.redo_count,
    designated: !!row.designated,
    reply: row.reply_text,
    repliedAt: toIso(row.replied_at),
    rejectReason: row.reject_reason,
    verification: {
      contacted: row.contacted === null ? null : !!row.contacted,
      solved: row.solved as ItemDetail['verification']['solved'],
      satisfaction: row.satisfaction as ItemDetail['verification']['satisfaction'],
      source: row.rating_source as ItemDetail['verification']['source'],
      at: toIso(row.verified_at),
      badReview: !!row.bad_review,
      rectification: row.rectification as ItemDetail['verification']['rectification'],
      excluded: !!row.excluded,
    },
    pending: row.pending_kind
      ? {
          kind: row.pending_kind as NonNullable<ItemDetail['pending']>['kind'],
          data: JSON.parse(row.pending_data ?? '{}'),
          requestedAt: toIso(row.pending_at)!,
        }
      : null,
    primaryId: row.primary_id,
    mergedIds: x.mergedIds,
    deadlines: [
      { kind: 'sign', due: toIso(row.sign_due_at), met: flag(row.sign_met) },
      { kind: 'contact', due: toIso(row.contact_due_at), met: flag(row.contact_met) },
      { kind: 'handle', due: toIso(row.handle_due_at), met: flag(row.handle_met) },
      { kind: 'callback', due: toIso(row.callback_due_at), met: flag(row.callback_met) },
      { kind: 'rating', due: toIso(row.rating_due_at), met: null },
    ],
    attachments: x.attachments,
    events: x.events,
    abilities: x.abilities,
    version: row.version,
  };
}

const flag = (v: number | null) => (v === null ? null : !!v);
