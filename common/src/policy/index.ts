// The policy rules engine's public surface: schemas, validation, compilation, both evaluators, and demo data.
export * from './facts.ts';
export * from './parameters.ts';
export * from './library.ts';
export * from './rule.ts';
export {
  type Cell,
  CellSyntaxError,
  parseCell,
  PASS,
  UNKNOWN,
  FAIL,
  type State,
  type StateName,
  STATE_NAMES,
} from './cell.ts';
export { type Expr, ExpressionSyntaxError, parseExpression } from './expression.ts';
export {
  checkRule,
  validateRule,
  assertValidRule,
  formatIssue,
  RuleValidationError,
  type RuleIssue,
  type IssueCode,
  type CheckedRule,
} from './validate.ts';
export * from './engine.ts';
export * from './batch.ts';
export * from './columns.ts';
export * from './publish.ts';
export { isValidUscc, usccCheckChar } from './uscc.ts';
export { toDay, fromDay, isIsoDate } from './dates.ts';
export { fnv1a64, canonicalJson } from './hash.ts';
