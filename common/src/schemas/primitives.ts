// Small building blocks reused by every schema: ids, trimmed text with limits, phone numbers, 统一社会信用代码.
import { z } from 'zod';
import { isValidUscc } from '../policy/uscc.ts';

export const LIMITS = {
  title: 120,
  description: 5000,
  reason: 1000,
  note: 2000,
  name: 100,
  place: 200,
  attachmentBytes: 10 * 1024 * 1024,
  attachmentsPerItem: 10,
  pageSize: 200,
} as const;

/** Printable text: control characters other than tab and newline are refused rather than stored. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export const text = (max: number, min = 1) =>
  z
    .string()
    .trim()
    .min(min, { message: min === 1 ? 'required' : `at least ${min} characters` })
    .max(max, { message: `at most ${max} characters` })
    .refine((s) => !CONTROL.test(s), { message: 'contains control characters' });

export const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, { message: 'not an id' });

/** Mainland mobile (11 digits from 1) or a fixed line with area code. */
export const phone = z
  .string()
  .trim()
  .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, { message: 'not a valid phone number' });

export const uscc = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isValidUscc, { message: 'not a valid unified social credit code (check character)' });

export const isoInstant = z.iso.datetime({ offset: true });
export const day = z.iso.date();

export const pageQuery = {
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(LIMITS.pageSize).default(20),
};
