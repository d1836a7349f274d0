// The safe amount-formula language: numbers, facts, $parameters, out.<table output>, earlier steps, + - * /, min/max/round/floor/ceil.
// Parsed into an AST and interpreted or compiled to closures; user text is never handed to eval or new Function.

export type Expr =
  | { kind: 'number'; value: number }
  | { kind: 'ref'; ref: Ref }
  | { kind: 'neg'; arg: Expr }
  | { kind: 'binary'; op: '+' | '-' | '*' | '/'; left: Expr; right: Expr }
  | { kind: 'call'; fn: FunctionName; args: Expr[] };

/** What a name in a formula points to; `name` is resolved by the validator into a fact or an earlier step. */
export type Ref = { kind: 'param'; id: string } | { kind: 'out'; id: string } | { kind: 'name'; id: string };

export const FUNCTIONS = {
  min: Math.min,
  max: Math.max,
  round: Math.round,
  floor: Math.floor,
  ceil: Math.ceil,
} as const;
export type FunctionName = keyof typeof FUNCTIONS;
const ARITY: Record<FunctionName, [number, number]> = {
  min: [2, 8],
  max: [2, 8],
  round: [1, 1],
  floor: [1, 1],
  ceil: [1, 1],
};

export class ExpressionSyntaxError extends Error {}

type Token = { type: 'num'; value: number } | { type: 'id'; value: string } | { type: 'op'; value: string };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const re =
    /\s*(?:(\d+(?:\.\d+)?(?:e[+-]?\d+)?)(%|万|亿)?|(\$?[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?)|([-+*/(),]))/y;
  let pos = 0;
  while (pos < text.length) {
    if (/^\s*$/.test(text.slice(pos))) break;
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m)
      throw new ExpressionSyntaxError(`unexpected "${text.slice(pos).trim().slice(0, 10)}" at position ${pos + 1}`);
    if (m[1] !== undefined) {
      const scale = m[2] === '%' ? 0.01 : m[2] === '万' ? 1e4 : m[2] === '亿' ? 1e8 : 1;
      tokens.push({ type: 'num', value: Number((Number(m[1]) * scale).toPrecision(12)) });
    } else if (m[3] !== undefined) tokens.push({ type: 'id', value: m[3] });
    else tokens.push({ type: 'op', value: m[4] });
    pos = re.lastIndex;
  }
  return tokens;
}

export function parseExpression(text: string): Expr {
  const tokens = tokenize(text);
  let i = 0;
  const peek = () => tokens[i];
  const expectOp = (op: string) => {
    const t = tokens[i++];
    if (!t || t.type !== 'op' || t.value !== op)
      throw new ExpressionSyntaxError(`expected "${op}"${t ? ` but found "${t.value}"` : ' at the end'}`);
  };
  const sum = (): Expr => {
    let left = product();
    for (let t = peek(); t && t.type === 'op' && (t.value === '+' || t.value === '-'); t = peek()) {
      i++;
      left = { kind: 'binary', op: t.value as '+' | '-', left, right: product() };
    }
    return left;
  };
  const product = (): Expr => {
    let left = unary();
    for (let t = peek(); t && t.type === 'op' && (t.value === '*' || t.value === '/'); t = peek()) {
      i++;
      left = { kind: 'binary', op: t.value as '*' | '/', left, right: unary() };
    }
    return left;
  };
  const unary = (): Expr => {
    const t = peek();
    if (t && t.type === 'op' && t.value === '-') {
      i++;
      return { kind: 'neg', arg: unary() };
    }
    return primary();
  };
  const primary = (): Expr => {
    const t = tokens[i++];
    if (!t) throw new ExpressionSyntaxError('the formula ends too early');
    if (t.type === 'num') return { kind: 'number', value: t.value };
    if (t.type === 'op') {
      if (t.value !== '(') throw new ExpressionSyntaxError(`unexpected "${t.value}"`);
      const inner = sum();
      expectOp(')');
      return inner;
    }
    const name = t.value;
    const next = peek();
    if (next && next.type === 'op' && next.value === '(') {
      if (!Object.hasOwn(FUNCTIONS, name))
        throw new ExpressionSyntaxError(`unknown function "${name}" (use ${Object.keys(FUNCTIONS).join(', ')})`);
      i++;
      const args: Expr[] = [sum()];
      while (peek()?.type === 'op' && peek().value === ',') {
        i++;
        args.push(sum());
      }
      expectOp(')');
      const [lo, hi] = ARITY[name as FunctionName];
      if (args.length < lo || args.length > hi)
        throw new ExpressionSyntaxError(
          `${name} takes ${lo === hi ? lo : `${lo} to ${hi}`} arguments, not ${args.length}`,
        );
      return { kind: 'call', fn: name as FunctionName, args };
    }
    if (name.startsWith('$')) {
      if (name.includes('.')) throw new ExpressionSyntaxError(`bad parameter name "${name}"`);
      return { kind: 'ref', ref: { kind: 'param', id: name.slice(1) } };
    }
    if (name.startsWith('out.')) return { kind: 'ref', ref: { kind: 'out', id: name.slice(4) } };
    if (name.includes('.')) throw new ExpressionSyntaxError(`unknown name "${name}" (table outputs are out.<id>)`);
    return { kind: 'ref', ref: { kind: 'name', id: name } };
  };
  const expr = sum();
  if (i < tokens.length)
    throw new ExpressionSyntaxError(`unexpected "${tokens[i].value}" after the end of the formula`);
  return expr;
}

export function expressionRefs(expr: Expr): Ref[] {
  switch (expr.kind) {
    case 'number':
      return [];
    case 'ref':
      return [expr.ref];
    case 'neg':
      return expressionRefs(expr.arg);
    case 'binary':
      return [...expressionRefs(expr.left), ...expressionRefs(expr.right)];
    case 'call':
      return expr.args.flatMap(expressionRefs);
  }
}

function apply(op: '+' | '-' | '*' | '/', a: number, b: number): number {
  return op === '+' ? a + b : op === '-' ? a - b : op === '*' ? a * b : a / b;
}

/** Interprets a formula; `lookup` answers references (NaN for unknown facts, which then propagate). */
export function evaluateExpression(expr: Expr, lookup: (ref: Ref) => number): number {
  switch (expr.kind) {
    case 'number':
      return expr.value;
    case 'ref':
      return lookup(expr.ref);
    case 'neg':
      return -evaluateExpression(expr.arg, lookup);
    case 'binary':
      return apply(expr.op, evaluateExpression(expr.left, lookup), evaluateExpression(expr.right, lookup));
    case 'call':
      return (FUNCTIONS[expr.fn] as (...a: number[]) => number)(...expr.args.map((a) => evaluateExpression(a, lookup)));
  }
}

/** Compiles a formula into a closure over an index (used by the batch evaluator); same operations, same order as the interpreter. */
export function compileExpression(expr: Expr, reader: (ref: Ref) => (i: number) => number): (i: number) => number {
  switch (expr.kind) {
    case 'number': {
      const v = expr.value;
      return () => v;
    }
    case 'ref':
      return reader(expr.ref);
    case 'neg': {
      const a = compileExpression(expr.arg, reader);
      return (i) => -a(i);
    }
    case 'binary': {
      const a = compileExpression(expr.left, reader);
      const b = compileExpression(expr.right, reader);
      switch (expr.op) {
        case '+':
          return (i) => a(i) + b(i);
        case '-':
          return (i) => a(i) - b(i);
        case '*':
          return (i) => a(i) * b(i);
        case '/':
          return (i) => a(i) / b(i);
        default:
          throw new Error(`unknown operator ${String(expr.op)}`);
      }
    }
    case 'call': {
      const fn = FUNCTIONS[expr.fn] as (...a: number[]) => number;
      const args = expr.args.map((a) => compileExpression(a, reader));
      if (args.length === 1) {
        const [a] = args;
        return (i) => fn(a(i));
      }
      if (args.length === 2) {
        const [a, b] = args;
        return (i) => fn(a(i), b(i));
      }
      return (i) => fn(...args.map((a) => a(i)));
    }
  }
}

/** Final amount: the cap applied (Infinity when none; an unknown cap makes the amount unknown), rounded to whole 元, never negative. */
export function finishAmount(raw: number, cap: number): number {
  const capped = Math.min(raw, cap);
  if (!Number.isFinite(capped)) return NaN;
  return Math.max(0, Math.round(capped));
}
