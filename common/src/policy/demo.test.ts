import { describe, expect, it } from 'vitest';
import { columnsFromEnterprises } from './columns.ts';
import { buildDemoCatalogue } from './demo-catalogue.ts';
import { generateEnterpriseColumns, generateEnterprises } from './demo-enterprises.ts';
import {
  compileRule,
  EnterpriseSchema,
  isValidUscc,
  POLICY_CATEGORIES,
  PolicyDocumentSchema,
  PolicyItemSchema,
  DatedParameterSchema,
  parameterRegistry,
} from './index.ts';

describe('demo catalogue', () => {
  const catalogue = buildDemoCatalogue();
  it('has 207 items in the 11 default categories, each with a valid published rule', () => {
    expect(catalogue.items).toHaveLength(207);
    expect(new Set(catalogue.items.map((i) => i.category))).toEqual(new Set(POLICY_CATEGORIES.map((c) => c.id)));
    const registry = parameterRegistry(catalogue.parameters);
    for (const rule of catalogue.rules) expect(compileRule(rule, registry).hash).toBe(rule.hash);
    expect(new Set(catalogue.rules.map((r) => r.itemId)).size).toBe(207);
    expect(new Set(catalogue.rules.map((r) => r.hitPolicy))).toEqual(
      new Set(['unique', 'first', 'priority', 'collect-sum']),
    );
  });
  it('matches its own schemas', () => {
    for (const d of catalogue.documents) PolicyDocumentSchema.parse(d);
    for (const i of catalogue.items) PolicyItemSchema.parse(i);
    for (const p of catalogue.parameters) DatedParameterSchema.parse(p);
    expect(catalogue.documents.map((d) => d.number)).toContain('沈政办发〔2026〕12号');
  });
});

describe('demo enterprises', () => {
  const rows = generateEnterprises(2000, { itemIds: ['rd-subsidy'] });
  it('are deterministic, valid, and have a realistic mix', () => {
    expect(generateEnterprises(50)).toEqual(generateEnterprises(50));
    for (const e of rows) {
      expect(isValidUscc(e.uscc)).toBe(true);
      EnterpriseSchema.parse(e);
    }
    const micro = rows.filter((e) => e.facts.sizeClass?.value === 'micro').length / rows.length;
    expect(micro).toBeGreaterThan(0.7);
    expect(rows.some((e) => !e.facts.revenue)).toBe(true);
  });
  it('produce the same columns directly as through row objects', () => {
    const viaRows = columnsFromEnterprises(rows);
    const direct = generateEnterpriseColumns(2000, { itemIds: ['rd-subsidy'], withIdentity: true });
    expect(direct.uscc).toEqual(viaRows.uscc);
    for (const k of Object.keys(direct.numbers) as (keyof typeof direct.numbers)[])
      expect(direct.numbers[k]).toEqual(viaRows.numbers[k]);
    for (const k of Object.keys(direct.dates) as (keyof typeof direct.dates)[])
      expect(direct.dates[k]).toEqual(viaRows.dates[k]);
    for (const k of Object.keys(direct.dicts) as (keyof typeof direct.dicts)[]) {
      const decode = (c: { codes: Int32Array; dict: string[] }) => [...c.codes].map((x) => (x < 0 ? null : c.dict[x]));
      expect(decode(direct.dicts[k])).toEqual(decode(viaRows.dicts[k]));
    }
    expect(direct.sets.certifications.bits).toEqual(viaRows.sets.certifications.bits);
    expect(direct.booleans.dishonestListed).toEqual(viaRows.booleans.dishonestListed);
    expect(direct.receipts.day).toEqual(viaRows.receipts.day);
  });
});
