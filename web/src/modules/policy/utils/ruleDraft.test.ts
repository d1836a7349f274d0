import { describe, expect, it } from 'vitest';
import {
  addRow,
  draftBody,
  draftFrom,
  issueLine,
  issuesAt,
  issuesElsewhere,
  issuesFromPaths,
  parametersUsed,
  removeRow,
  setCell,
  setRowOutput,
} from './ruleDraft.ts';
import type { PublishedRuleView } from '../types.ts';

const published: PublishedRuleView = {
  itemId: 'gazelle',
  version: 2,
  status: 'published',
  hash: 'abc',
  publishedAt: '2026-01-01T00:00:00+08:00',
  effectiveFrom: '2026-01-01',
  hitPolicy: 'first',
  inputs: [
    { id: 'gazelle', fact: 'certifications' },
    { id: 'growth', fact: 'revenueGrowth' },
  ],
  outputs: [{ id: 'rate', type: 'number' }],
  rows: [{ cells: ['瞪羚企业', '>= $gazelle_growth'], outputs: ['3%'] }],
  exclusions: [{ id: 'dishonest', label: '失信', fact: 'dishonestListed', test: 'true' }],
  amount: { steps: [{ id: 'award', label: '奖励', expr: '$gazelle_award' }], cap: { expr: '$gazelle_cap' } },
};

describe('the rule draft', () => {
  it('drops the frozen fields of the published version and takes the new effective date', () => {
    const d = draftFrom(published, '2026-12-01');
    expect(d).not.toHaveProperty('hash');
    expect(d).not.toHaveProperty('version');
    expect(d.effectiveFrom).toBe('2026-12-01');
    // Editing the draft never changes the published version.
    const edited = setCell(d, 0, 1, '>= 30%');
    expect(edited.rows[0].cells).toEqual(['瞪羚企业', '>= 30%']);
    expect(published.rows[0].cells[1]).toBe('>= $gazelle_growth');
  });

  it('adds rows of "any" and keeps at least one row', () => {
    const d = addRow(draftFrom(published, '2026-12-01'));
    expect(d.rows[1]).toEqual({ cells: ['-', '-'], outputs: [''] });
    expect(setRowOutput(d, 1, 0, '2%').rows[1].outputs).toEqual(['2%']);
    expect(removeRow(removeRow(d, 0), 0).rows).toHaveLength(1);
  });

  it('places the server’s issues at the cell they name, and the others apart', () => {
    const d = draftFrom(published, '2026-12-01');
    const issues = [
      { code: 'bad_cell', severity: 'error', row: 1, column: 'growth', message: 'row 1, column "growth": bad' },
      { code: 'bad_formula', severity: 'error', column: 'amount.award', message: 'bad formula' },
      { code: 'overlap', severity: 'warning', message: 'rows 1 and 2 overlap' },
      { code: 'unknown_fact', severity: 'error', column: 'growth', message: 'column "growth": unknown fact' },
    ];
    expect(issuesAt(issues, 0, 'growth').map((i) => i.code)).toEqual(['bad_cell']);
    expect(issuesAt(issues, 0, 'gazelle')).toEqual([]);
    expect(issuesAt(issues, -1, 'amount.award').map((i) => i.code)).toEqual(['bad_formula']);
    expect(issuesElsewhere(issues, d).map((i) => i.code)).toEqual(['overlap', 'unknown_fact']);
  });

  it('lists the parameters used in cells, exclusions and the amount', () => {
    expect(parametersUsed(draftFrom(published, '2026-12-01'))).toEqual([
      'gazelle_growth',
      'gazelle_award',
      'gazelle_cap',
    ]);
  });

  it('sends no empty cap and no empty end date', () => {
    const d = {
      ...draftFrom(published, '2026-12-01'),
      effectiveTo: '',
      amount: { steps: published.amount!.steps, cap: { expr: ' ' } },
    };
    const body = draftBody(d);
    expect(body).not.toHaveProperty('effectiveTo');
    expect(body.amount).toEqual({ steps: published.amount!.steps });
  });

  it('reads the place of a 400’s issue back from its path', () => {
    expect(
      issuesFromPaths([
        { path: 'rule.rows.2.growth', message: 'row 2, column "growth": bad' },
        { path: 'rule.amount.cap', message: 'bad cap' },
        { path: 'rule', message: 'bad rule' },
      ]).map((i) => [i.row, i.column]),
    ).toEqual([
      [2, 'growth'],
      [undefined, 'amount.cap'],
      [undefined, undefined],
    ]);
  });
});

describe('issueLine', () => {
  it("names the kind of problem in the reader's language before the engine's detail, and keeps the detail alone for an unknown code", () => {
    const issue = {
      code: 'bad_cell',
      severity: 'error',
      row: 1,
      column: 'growth',
      message: 'row 1, column "growth": cannot read ">= abc"',
    };
    const zh = (code: string) => ({ bad_cell: '单元格写法有误' })[code];
    expect(issueLine(issue, zh)).toBe('单元格写法有误: row 1, column "growth": cannot read ">= abc"');
    expect(issueLine({ ...issue, code: 'something_new' }, zh)).toBe(issue.message);
  });
});
