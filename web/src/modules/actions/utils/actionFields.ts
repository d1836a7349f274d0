// What each item action asks for, so that one form renders any action: the fields of the action bodies in
// @tingquan/common/schemas/items (the server's ACTION_BODIES), with the shared schema that checks them.
import type { ZodType } from 'zod';
import { RECTIFICATIONS, SATISFACTION, SOLVED, TIERS } from '@tingquan/common/enums';
import type { ItemAction } from '@tingquan/common/lifecycle';
import {
  acceptBody,
  addInfoBody,
  callbackBody,
  contactBody,
  decisionBody,
  dispatchBody,
  extensionRequestBody,
  mergeBody,
  noteBody,
  rateBody,
  reasonBody,
  rectifyBody,
  replyBody,
  resolveOnSpotBody,
  spotCheckBody,
  triageBody,
} from '@tingquan/common/schemas/items';

export type FieldSpec =
  | { name: string; kind: 'text' | 'longText'; required: boolean }
  | { name: string; kind: 'enum'; required: boolean; values: readonly string[]; labels: string }
  | { name: string; kind: 'boolean'; required: boolean; yes?: string; no?: string }
  | { name: string; kind: 'number'; required: boolean; min: number; max: number }
  | { name: string; kind: 'date'; required: boolean }
  | { name: string; kind: 'department' | 'departments'; required: boolean };

export interface ActionSpec {
  fields: FieldSpec[];
  /** The shared body schema; absent where the body is only an optional note (checked by the server). */
  schema?: ZodType;
  /** Actions that need a deliberate click get a red button. */
  danger?: boolean;
}

const note = (required = false): FieldSpec => ({ name: 'note', kind: 'longText', required });
const reason: FieldSpec = { name: 'reason', kind: 'longText', required: true };
const decision: ActionSpec = {
  fields: [{ name: 'approve', kind: 'boolean', required: true, yes: 'fields.approveYes', no: 'fields.approveNo' }, note()],
  schema: decisionBody,
};
const threeQuestions: FieldSpec[] = [
  { name: 'contacted', kind: 'boolean', required: true },
  { name: 'solved', kind: 'enum', required: true, values: SOLVED, labels: 'enums.solved' },
  { name: 'satisfaction', kind: 'enum', required: true, values: SATISFACTION, labels: 'enums.satisfaction' },
];
const tier = (required: boolean): FieldSpec => ({ name: 'tier', kind: 'enum', required, values: TIERS, labels: 'enums.tier' });

export const ACTION_SPECS: Record<Exclude<ItemAction, 'reveal'>, ActionSpec> = {
  accept: { fields: [tier(false), { name: 'urgent', kind: 'boolean', required: false }, note()], schema: acceptBody },
  reject: { fields: [reason], schema: reasonBody, danger: true },
  triage: { fields: [tier(true), { name: 'urgent', kind: 'boolean', required: false }, { name: 'reason', kind: 'longText', required: false }], schema: triageBody },
  resolve_on_spot: { fields: [{ name: 'reply', kind: 'longText', required: true }, tier(false)], schema: resolveOnSpotBody },
  dispatch: {
    fields: [{ name: 'mainDepartmentId', kind: 'department', required: true }, { name: 'coDepartmentIds', kind: 'departments', required: false }, tier(false), note()],
    schema: dispatchBody,
  },
  sign: { fields: [note()] },
  return: { fields: [reason], schema: reasonBody, danger: true },
  contact: { fields: [{ name: 'method', kind: 'enum', required: true, values: contactBody.shape.method.options, labels: 'enums.contactMethod' }, note(true)], schema: contactBody },
  progress: { fields: [note(true)], schema: noteBody },
  request_extension: { fields: [{ name: 'days', kind: 'number', required: true, min: 1, max: 30 }, reason], schema: extensionRequestBody },
  decide_extension: decision,
  request_park: { fields: [reason], schema: reasonBody },
  decide_park: decision,
  resume: { fields: [note()] },
  reply: { fields: [{ name: 'reply', kind: 'longText', required: true }, { name: 'solved', kind: 'enum', required: true, values: SOLVED, labels: 'enums.solved' }], schema: replyBody },
  rate: { fields: [...threeQuestions, { name: 'comment', kind: 'longText', required: false }], schema: rateBody },
  callback: {
    fields: [{ name: 'reached', kind: 'boolean', required: true }, ...threeQuestions, { name: 'comment', kind: 'longText', required: false }],
    schema: callbackBody,
  },
  rectify: {
    fields: [{ name: 'kind', kind: 'enum', required: true, values: RECTIFICATIONS, labels: 'enums.rectification' }, note(true), { name: 'dueDate', kind: 'date', required: false }],
    schema: rectifyBody,
  },
  appeal: { fields: [reason], schema: reasonBody },
  decide_appeal: decision,
  request_unreasonable: { fields: [reason], schema: reasonBody },
  decide_unreasonable: decision,
  redo: { fields: [reason], schema: reasonBody, danger: true },
  close_out: { fields: [note()] },
  spot_check: { fields: [...threeQuestions, { name: 'falseClosure', kind: 'boolean', required: true }, note()], schema: spotCheckBody },
  merge: { fields: [{ name: 'primaryId', kind: 'text', required: true }, note()], schema: mergeBody },
  urge: { fields: [note(true)], schema: noteBody },
  supervise: { fields: [note(true)], schema: noteBody },
  escalate: { fields: [note(true)], schema: noteBody },
  transfer_clue: { fields: [reason], schema: reasonBody, danger: true },
  add_info: { fields: [note(true)], schema: addInfoBody },
};
