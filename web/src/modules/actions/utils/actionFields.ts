// What each item action asks for, so that one form renders any action: the fields of the action bodies in
// @tingquan/common/schemas/actions (ACTION_BODIES), with the shared schema that checks them.
import type { ZodType } from 'zod';
import { RECTIFICATIONS, SATISFACTION, SOLVED, TIERS } from '@tingquan/common/enums';
import type { ItemAction } from '@tingquan/common/lifecycle';
import { ACTION_BODIES } from '@tingquan/common/schemas/actions';
import { contactBody } from '@tingquan/common/schemas/items';

export type FieldSpec =
  | { name: string; kind: 'text' | 'longText'; required: boolean }
  | { name: string; kind: 'enum'; required: boolean; values: readonly string[]; labels: string }
  | { name: string; kind: 'boolean'; required: boolean; yes?: string; no?: string }
  | { name: string; kind: 'number'; required: boolean; min: number; max: number }
  | { name: string; kind: 'date'; required: boolean }
  | { name: string; kind: 'department' | 'departments'; required: boolean };

export interface ActionSpec {
  fields: FieldSpec[];
  /** The shared body schema (the server's ACTION_BODIES). */
  schema?: ZodType;
  /** Actions that need a deliberate click get a red button. */
  danger?: boolean;
}

const note = (required = false): FieldSpec => ({ name: 'note', kind: 'longText', required });
const reason: FieldSpec = { name: 'reason', kind: 'longText', required: true };
const decision: ActionSpec = {
  fields: [
    { name: 'approve', kind: 'boolean', required: true, yes: 'fields.approveYes', no: 'fields.approveNo' },
    note(),
  ],
};
const threeQuestions: FieldSpec[] = [
  { name: 'contacted', kind: 'boolean', required: true },
  { name: 'solved', kind: 'enum', required: true, values: SOLVED, labels: 'enums.solved' },
  { name: 'satisfaction', kind: 'enum', required: true, values: SATISFACTION, labels: 'enums.satisfaction' },
];
const tier = (required: boolean): FieldSpec => ({
  name: 'tier',
  kind: 'enum',
  required,
  values: TIERS,
  labels: 'enums.tier',
});

const FIELD_SPECS: Record<Exclude<ItemAction, 'reveal'>, Omit<ActionSpec, 'schema'>> = {
  accept: { fields: [tier(false), { name: 'urgent', kind: 'boolean', required: false }, note()] },
  reject: { fields: [reason], danger: true },
  triage: {
    fields: [
      tier(true),
      { name: 'urgent', kind: 'boolean', required: false },
      { name: 'reason', kind: 'longText', required: false },
    ],
  },
  resolve_on_spot: { fields: [{ name: 'reply', kind: 'longText', required: true }, tier(false)] },
  dispatch: {
    fields: [
      { name: 'mainDepartmentId', kind: 'department', required: true },
      { name: 'coDepartmentIds', kind: 'departments', required: false },
      tier(false),
      note(),
    ],
  },
  sign: { fields: [note()] },
  return: { fields: [reason], danger: true },
  contact: {
    fields: [
      {
        name: 'method',
        kind: 'enum',
        required: true,
        values: contactBody.shape.method.options,
        labels: 'enums.contactMethod',
      },
      note(true),
    ],
  },
  progress: { fields: [note(true)] },
  request_extension: { fields: [{ name: 'days', kind: 'number', required: true, min: 1, max: 30 }, reason] },
  decide_extension: decision,
  request_park: { fields: [reason] },
  decide_park: decision,
  resume: { fields: [note()] },
  reply: {
    fields: [
      { name: 'reply', kind: 'longText', required: true },
      { name: 'solved', kind: 'enum', required: true, values: SOLVED, labels: 'enums.solved' },
    ],
  },
  rate: { fields: [...threeQuestions, { name: 'comment', kind: 'longText', required: false }] },
  callback: {
    fields: [
      { name: 'reached', kind: 'boolean', required: true },
      ...threeQuestions,
      { name: 'comment', kind: 'longText', required: false },
    ],
  },
  rectify: {
    fields: [
      { name: 'kind', kind: 'enum', required: true, values: RECTIFICATIONS, labels: 'enums.rectification' },
      note(true),
      { name: 'dueDate', kind: 'date', required: false },
    ],
  },
  appeal: { fields: [reason] },
  decide_appeal: decision,
  request_unreasonable: { fields: [reason] },
  decide_unreasonable: decision,
  redo: { fields: [reason], danger: true },
  close_out: { fields: [note()] },
  spot_check: { fields: [...threeQuestions, { name: 'falseClosure', kind: 'boolean', required: true }, note()] },
  merge: { fields: [{ name: 'primaryId', kind: 'text', required: true }, note()] },
  urge: { fields: [note(true)] },
  supervise: { fields: [note(true)] },
  escalate: { fields: [note(true)] },
  transfer_clue: { fields: [reason], danger: true },
  add_info: { fields: [note(true)] },
};

/** Each action's form, checked with the very schema the server validates that action's body with. */
export const ACTION_SPECS: Record<Exclude<ItemAction, 'reveal'>, ActionSpec> = Object.fromEntries(
  Object.entries(FIELD_SPECS).map(([action, spec]): [string, ActionSpec] => [
    action,
    { ...spec, schema: ACTION_BODIES[action as keyof typeof ACTION_BODIES] as ZodType },
  ]),
) as Record<Exclude<ItemAction, 'reveal'>, ActionSpec>;
