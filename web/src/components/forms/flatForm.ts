// Form values kept flat by dotted name ("requester.phone") and nested for the API; errors keyed the same way.
import type { FieldError } from '../../api/errors.ts';

export type FlatValues = Record<string, unknown>;

export function nest(flat: FlatValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(flat)) {
    const parts = path.split('.');
    let node = out;
    for (const p of parts.slice(0, -1)) node = (node[p] ??= {}) as Record<string, unknown>;
    node[parts[parts.length - 1]] = value;
  }
  return out;
}

/** The first message per field, by dotted name. */
export function errorsByName(errors: FieldError[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors) {
    const key = e.name.join('.');
    if (!(key in out)) out[key] = e.errors[0];
  }
  return out;
}
