// Dated parameters: thresholds and amounts whose value changes by effective date, each version with its legal basis.
import { z } from 'zod';
import { isIsoDate, toDay } from './dates.ts';

const isoDate = z.string().refine(isIsoDate, 'expected a date YYYY-MM-DD');

export const LegalReferenceSchema = z.object({
  document: z.string().min(1).describe('文号, e.g. 沈政办发〔2026〕12号'),
  article: z.string().optional().describe('条款, e.g. 第五条第二款'),
});
export type LegalReference = z.infer<typeof LegalReferenceSchema>;

export const ParameterVersionSchema = z.object({
  version: z.number().int().min(1),
  effectiveFrom: isoDate,
  value: z.number().finite(),
  reference: LegalReferenceSchema,
});
export type ParameterVersion = z.infer<typeof ParameterVersionSchema>;

export const DatedParameterSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]*$/, 'parameter ids are lower_snake_case'),
    label: z.string().min(1),
    unit: z.enum(['yuan', 'ratio', 'persons', 'years', 'count']),
    versions: z.array(ParameterVersionSchema).min(1),
  })
  .superRefine((p, ctx) => {
    p.versions.forEach((v, i) => {
      if (v.version !== i + 1)
        ctx.addIssue({
          code: 'custom',
          path: ['versions', i, 'version'],
          message: `versions must be numbered 1, 2, … in order; found ${v.version} at position ${i + 1}`,
        });
      if (i > 0 && toDay(v.effectiveFrom) <= toDay(p.versions[i - 1].effectiveFrom))
        ctx.addIssue({
          code: 'custom',
          path: ['versions', i, 'effectiveFrom'],
          message: 'each version must take effect after the previous one',
        });
    });
  });
export type DatedParameter = z.infer<typeof DatedParameterSchema>;

export type ParameterRegistry = ReadonlyMap<string, DatedParameter>;

export function parameterRegistry(parameters: Iterable<DatedParameter>): ParameterRegistry {
  return new Map([...parameters].map((p) => [p.id, p]));
}

/** The version in force on `day`, or undefined before the first one took effect. */
export function parameterVersionAt(parameter: DatedParameter, day: number): ParameterVersion | undefined {
  let found: ParameterVersion | undefined;
  for (const v of parameter.versions) if (toDay(v.effectiveFrom) <= day) found = v;
  return found;
}

export interface ResolvedParameter extends ParameterVersion {
  id: string;
  label: string;
  unit: DatedParameter['unit'];
}

/** Every parameter's value in force on one date: what a decision records as its parameter snapshot. */
export interface ParameterSnapshot {
  date: string;
  day: number;
  values: ReadonlyMap<string, ResolvedParameter>;
}

export function snapshotParameters(registry: ParameterRegistry, date: string): ParameterSnapshot {
  const day = toDay(date);
  const values = new Map<string, ResolvedParameter>();
  for (const p of registry.values()) {
    const v = parameterVersionAt(p, day);
    if (v) values.set(p.id, { ...v, id: p.id, label: p.label, unit: p.unit });
  }
  return { date, day, values };
}

/** The distinct dates on which any of `ids` changes: enough snapshots to decide questions for all time. */
export function parameterChangeDates(registry: ParameterRegistry, ids: Iterable<string>): string[] {
  const dates = new Set<string>();
  for (const id of ids) for (const v of registry.get(id)?.versions ?? []) dates.add(v.effectiveFrom);
  return [...dates].sort();
}
