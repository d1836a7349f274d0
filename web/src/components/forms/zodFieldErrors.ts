// Client-side validation with the shared Zod schemas: the same rules as the server, reported at the same fields.
import type { ZodType } from 'zod';
import type { FieldError } from '../../api/errors.ts';

export type Validated<T> = { ok: true; data: T } | { ok: false; errors: FieldError[] };

export function validateWith<T>(schema: ZodType<T>, values: unknown, translate: (m: string) => string): Validated<T> {
  const r = schema.safeParse(values);
  if (r.success) return { ok: true, data: r.data };
  const byField = new Map<string, FieldError>();
  for (const issue of r.error.issues) {
    const name = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
    const key = name.join('.');
    // Zod's built-in messages (wrong type, missing) are not useful to a citizen: a missing value reads "required".
    const message = issue.code === 'invalid_type' || issue.code === 'invalid_value' ? 'required' : issue.message;
    if (!byField.has(key)) byField.set(key, { name, errors: [translate(message)] });
  }
  return { ok: false, errors: [...byField.values()] };
}

/** Empty strings from cleared inputs mean "not given" to the schemas. */
export function dropEmpty<T>(value: T): T {
  if (Array.isArray(value)) return value.map(dropEmpty) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v === '' || v === undefined || v === null) continue;
      out[k] = dropEmpty(v);
    }
    return out as T;
  }
  return value;
}
