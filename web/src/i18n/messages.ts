// The shape every language file must have: the zh-CN texts with their literal values widened to string.
import type { zhCN } from './zh-CN.ts';

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Messages = Widen<typeof zhCN>;
