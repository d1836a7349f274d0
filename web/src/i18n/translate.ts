// Pure lookup of UI text by dotted key, with {name} placeholders; also puts the schemas' English field messages into the
// user's language.
import type { Messages } from './messages.ts';

export type Vars = Record<string, string | number>;

export function interpolate(text: string, vars?: Vars): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

/** The text at `key` (e.g. "enums.status.closed"); the key itself when missing, so gaps are visible rather than blank. */
export function lookup(messages: Messages, key: string, vars?: Vars): string {
  let node: unknown = messages;
  for (const part of key.split('.')) {
    if (node && typeof node === 'object' && part in node) node = (node as Record<string, unknown>)[part];
    else return key;
  }
  return typeof node === 'string' ? interpolate(node, vars) : key;
}

/** A field message from the server or the shared Zod schemas, in the user's language when it is a known one. */
export function translateIssue(messages: Messages, message: string): string {
  const issues = messages.issues as Record<string, string>;
  if (issues[message]) return issues[message];
  const n = message.match(/\d+/)?.[0];
  if (n) {
    const pattern = message.replace(n, '{n}');
    if (issues[pattern]) return interpolate(issues[pattern], { n });
  }
  return message;
}
