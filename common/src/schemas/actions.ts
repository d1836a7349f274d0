// The body of every item action, shared by the server's routes and the web's action forms.
import { z } from 'zod';
import type { ItemAction } from '../lifecycle.ts';
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
} from './items.ts';

const optionalNote = z
  .object({ note: z.string().trim().max(2000).optional() })
  .strict()
  .default({});

/** The body each item action takes (POST /api/items/:id/<action>): the server validates with it, the web builds forms. */
export const ACTION_BODIES = {
  accept: acceptBody,
  reject: reasonBody,
  triage: triageBody,
  resolve_on_spot: resolveOnSpotBody,
  dispatch: dispatchBody,
  sign: optionalNote,
  return: reasonBody,
  contact: contactBody,
  progress: noteBody,
  request_extension: extensionRequestBody,
  decide_extension: decisionBody,
  request_park: reasonBody,
  decide_park: decisionBody,
  resume: optionalNote,
  reply: replyBody,
  rate: rateBody,
  callback: callbackBody,
  rectify: rectifyBody,
  appeal: reasonBody,
  decide_appeal: decisionBody,
  request_unreasonable: reasonBody,
  decide_unreasonable: decisionBody,
  redo: reasonBody,
  close_out: optionalNote,
  spot_check: spotCheckBody,
  merge: mergeBody,
  urge: noteBody,
  supervise: noteBody,
  escalate: noteBody,
  transfer_clue: reasonBody,
  add_info: addInfoBody,
} satisfies Record<Exclude<ItemAction, 'reveal'>, z.ZodType>;
