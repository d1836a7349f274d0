// The rule editor's draft: taken from a published version, edited cell by cell, and the server's validation issues
// placed at the cell (row and column) they name. Pure functions, tested without a browser.
import type { PublishedRuleView, RuleDraft, RuleIssueView } from '../types.ts';

/** A published version as an editable draft of the next one (the frozen fields dropped, the effective date given). */
export function draftFrom(rule: PublishedRuleView, effectiveFrom: string): RuleDraft {
  const { itemId: _i, version: _v, status: _s, hash: _h, publishedAt: _p, ...body } = rule;
  return structuredClone({
    ...body,
    outputs: body.outputs ?? [],
    exclusions: body.exclusions ?? [],
    rows: body.rows.map((r) => ({ ...r, outputs: r.outputs ?? [] })),
    effectiveFrom,
  });
}

/** The body the server takes: empty optional parts left out. */
export function draftBody(draft: RuleDraft): RuleDraft {
  const { effectiveTo, amount, ...rest } = draft;
  return {
    ...rest,
    ...(effectiveTo ? { effectiveTo } : {}),
    ...(amount && amount.steps.length
      ? { amount: amount.cap && !amount.cap.expr.trim() ? { steps: amount.steps } : amount }
      : {}),
  };
}

export function setCell(draft: RuleDraft, row: number, column: number, value: string): RuleDraft {
  return {
    ...draft,
    rows: draft.rows.map((r, i) =>
      i === row ? { ...r, cells: r.cells.map((c, j) => (j === column ? value : c)) } : r,
    ),
  };
}

export function setRowOutput(draft: RuleDraft, row: number, output: number, value: string): RuleDraft {
  return {
    ...draft,
    rows: draft.rows.map((r, i) => {
      if (i !== row) return r;
      const outputs = draft.outputs.map((_, j) => r.outputs[j] ?? '');
      outputs[output] = value;
      return { ...r, outputs };
    }),
  };
}

/** A new row of "-" (any value) under the others. */
export function addRow(draft: RuleDraft): RuleDraft {
  return {
    ...draft,
    rows: [...draft.rows, { cells: draft.inputs.map(() => '-'), outputs: draft.outputs.map(() => '') }],
  };
}

export function removeRow(draft: RuleDraft, row: number): RuleDraft {
  return draft.rows.length <= 1 ? draft : { ...draft, rows: draft.rows.filter((_, i) => i !== row) };
}

/**
 * The issues the server names at one cell: `row` is 0-based here (issues count rows from 1); a row below 0 is a
 * place outside the table (exclusions.<id>, amount.<step>, amount.cap).
 */
export function issuesAt(issues: readonly RuleIssueView[], row: number, column: string): RuleIssueView[] {
  return issues.filter((i) => (row < 0 ? i.row === undefined : i.row === row + 1) && i.column === column);
}

/** The places outside the table that the editor shows as fields. */
function fieldPlaces(draft: RuleDraft): Set<string> {
  return new Set([
    ...draft.exclusions.filter((e) => 'test' in e).map((e) => `exclusions.${e.id}`),
    ...(draft.amount?.steps.map((s) => `amount.${s.id}`) ?? []),
    ...(draft.amount ? ['amount.cap'] : []),
  ]);
}

/** Issues that no cell or field shows (a whole row or column, the rule as a whole): listed apart. */
export function issuesElsewhere(issues: readonly RuleIssueView[], draft: RuleDraft): RuleIssueView[] {
  const columns = new Set([...draft.inputs.map((i) => i.id), ...draft.outputs.map((o) => o.id)]);
  const places = fieldPlaces(draft);
  return issues.filter((i) => {
    if (i.column === undefined) return true;
    if (i.row === undefined) return !places.has(i.column);
    return !columns.has(i.column);
  });
}

/** The dated parameters ($name) a draft refers to, in order of first use. */
export function parametersUsed(draft: RuleDraft): string[] {
  const texts = [
    ...draft.rows.flatMap((r) => [...r.cells, ...r.outputs]),
    ...draft.exclusions.map((e) => ('test' in e ? e.test : '')),
    ...(draft.amount?.steps.map((s) => s.expr) ?? []),
    draft.amount?.cap?.expr ?? '',
  ];
  const out: string[] = [];
  for (const t of texts) for (const m of t.matchAll(/\$([a-z][a-z0-9_]*)/g)) if (!out.includes(m[1])) out.push(m[1]);
  return out;
}

/**
 * A 400 from testing or publishing a draft names the place as a path (rule.rows.2.growth, rule.amount.cap,
 * body.rule…): turned back into rows and columns so the editor shows them at the cell.
 */
export function issuesFromPaths(issues: readonly { path: string; message: string }[]): RuleIssueView[] {
  return issues.map((i) => {
    const path = i.path.replace(/^body\./, '');
    const m = /^rule\.rows\.(\d+)\.(.+)$/.exec(path);
    if (m) return { code: 'validation', severity: 'error', row: Number(m[1]), column: m[2], message: i.message };
    const rest = path.replace(/^rule\.?/, '');
    return { code: 'validation', severity: 'error', ...(rest ? { column: rest } : {}), message: i.message };
  });
}

/**
 * An issue as a reader sees it: what kind of problem it is, in the reader's language (`kind`, from the issue's code),
 * then the engine's detail (row, column, the value at fault).
 */
export function issueLine(issue: RuleIssueView, kind: (code: string) => string | undefined): string {
  const label = kind(issue.code);
  return label ? `${label}: ${issue.message}` : issue.message;
}
