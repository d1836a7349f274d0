export * from './enums.ts';
export * from './errors.ts';
export * from './lifecycle.ts';
export * from './permissions.ts';
export { isValidUscc, usccCheckChar } from './policy/uscc.ts';
export * from './schemas/primitives.ts';
export * from './schemas/items.ts';
export * from './schemas/org.ts';
export * from './calendar/index.ts';
