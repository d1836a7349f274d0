// The calculator form: which facts it asks for, in which group and with which input, and its values → the API's facts.
import { BASE_FACTS, type BaseFactKey } from '@tingquan/common/policy/facts';

export type FactInput = 'number' | 'percent' | 'date' | 'text' | 'select' | 'multi' | 'boolean';

export const FACT_GROUPS: { id: 'basic' | 'finance' | 'qualification'; facts: BaseFactKey[] }[] = [
  { id: 'basic', facts: ['industryCode', 'districtCode', 'sizeClass', 'establishedOn', 'employees'] },
  {
    id: 'finance',
    facts: [
      'revenue',
      'revenueGrowth',
      'taxPaid',
      'rdSpend',
      'investment',
      'unemploymentInsurancePaid',
      'layoffRate',
      'exportValue',
      'stateRent',
      'guaranteedLoan',
    ],
  },
  {
    id: 'qualification',
    facts: ['certifications', 'hnteCertifiedOn', 'listingStage', 'taxCreditGrade', 'dishonestListed'],
  },
];

/** Ratios are typed as percentages (3 for 3%): what people read on their statements. */
export function inputOf(key: BaseFactKey): FactInput {
  const def = BASE_FACTS[key];
  switch (def.type) {
    case 'number':
      return 'unit' in def && def.unit === 'ratio' ? 'percent' : 'number';
    case 'date':
      return 'date';
    case 'code':
      return 'text';
    case 'enum':
      return 'select';
    case 'set':
      return 'multi';
    case 'boolean':
      return 'boolean';
  }
}

export function optionsOf(key: BaseFactKey): readonly string[] {
  const def = BASE_FACTS[key] as { values?: readonly string[] };
  return def.values ?? [];
}

export type FormValues = Partial<Record<BaseFactKey, string | number | boolean | string[] | null | undefined>>;

/** Form values → the calculator's facts: blanks left out (unknown, never a fail), percentages as fractions. */
export function toFacts(values: FormValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values) as [BaseFactKey, FormValues[BaseFactKey]][]) {
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && !v.length && inputOf(k) !== 'multi'))
      continue;
    const input = inputOf(k);
    if (input === 'percent') out[k] = Number(v) / 100;
    else if (input === 'number') out[k] = Number(v);
    else if (input === 'text') out[k] = String(v).trim().toUpperCase();
    else out[k] = v;
  }
  return out;
}
