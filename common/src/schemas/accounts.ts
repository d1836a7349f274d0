// Accounts of people and enterprises (SPEC §4, issue 14 point 6): phone-code sign-in, enterprises bound to their
// 统一社会信用代码 through the 电子营业执照, members with a role each, and who is acting in a request.
import { z } from 'zod';
import { LIMITS, id, text, uscc } from './primitives.ts';

/** A mainland mobile number: the only kind an SMS verification code can reach. */
export const mobile = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, { message: 'not a valid mobile number' });

export const PHONE_CODE_PURPOSES = ['sign_in'] as const;
export type PhoneCodePurpose = (typeof PHONE_CODE_PURPOSES)[number];

/** How many digits a verification code has, how long it lives and how many wrong tries kill it. */
export const PHONE_CODE = { digits: 6, ttlMinutes: 5, maxAttempts: 5 } as const;

/** Roles of a person inside an enterprise: 法定代表人, 管理员 (manages members), 经办人 (applies on its behalf). */
export const ENTERPRISE_ROLES = ['legal_rep', 'admin', 'agent'] as const;
export type EnterpriseRole = (typeof ENTERPRISE_ROLES)[number];
/** Roles that may add and revoke members. */
export const MEMBER_MANAGERS: readonly EnterpriseRole[] = ['legal_rep', 'admin'];

export const BINDING_STATUSES = ['pending', 'approved', 'declined', 'expired', 'not_found'] as const;
export type BindingStatus = (typeof BINDING_STATUSES)[number];

export const phoneCodeBody = z
  .object({ phone: mobile, purpose: z.enum(PHONE_CODE_PURPOSES).default('sign_in') })
  .strict();
export const phoneCodeSent = z.object({
  phoneMasked: z.string(),
  expiresAt: z.string(),
  /** Seconds before another code may be asked for this phone. */
  retryAfterSeconds: z.number(),
  /** Demo and test only (never in production): the code itself, since the demo SMS gateway only logs. */
  devCode: z.string().optional(),
});

export const signInBody = z
  .object({
    phone: mobile,
    code: z
      .string()
      .trim()
      .regex(/^\d{6}$/, { message: 'not a valid verification code' }),
    /** The name a new account is registered under; ignored for an existing account. */
    name: text(LIMITS.name).optional(),
  })
  .strict();

export const subjectView = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('person'), id: z.string(), name: z.string() }),
  z.object({
    kind: z.literal('enterprise'),
    id: z.string(),
    name: z.string(),
    uscc: z.string(),
    role: z.enum(ENTERPRISE_ROLES),
  }),
]);
export type SubjectView = z.infer<typeof subjectView>;

export const membershipView = z.object({
  enterpriseId: z.string(),
  uscc: z.string(),
  name: z.string(),
  legalRepName: z.string(),
  role: z.enum(ENTERPRISE_ROLES),
  since: z.string(),
});

export const accountView = z.object({
  userId: z.string(),
  name: z.string(),
  phoneMasked: z.string().nullable(),
  csrfToken: z.string(),
  enterprises: z.array(membershipView),
  acting: subjectView,
});
export type AccountView = z.infer<typeof accountView>;

export const actingBody = z
  .object({ enterpriseId: id.nullable().describe('null: act as oneself (the person)') })
  .strict();

export const bindingBody = z
  .object({
    uscc,
    /** The enterprise's name as the applicant knows it; the register's name is what gets stored. */
    name: text(LIMITS.name),
    role: z.enum(ENTERPRISE_ROLES),
  })
  .strict();
export const bindingView = z.object({
  id: z.string(),
  uscc: z.string(),
  name: z.string(),
  role: z.enum(ENTERPRISE_ROLES),
  status: z.enum(BINDING_STATUSES),
  provider: z.string(),
  /** Where the legal representative confirms (the 电子营业执照 app's link; the simulated provider's page). */
  confirmUrl: z.string().nullable(),
  enterpriseId: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});
export type BindingView = z.infer<typeof bindingView>;

export const memberBody = z.object({ phone: mobile, role: z.enum(['admin', 'agent']) }).strict();
export const memberView = z.object({
  userId: z.string(),
  name: z.string(),
  phoneMasked: z.string().nullable(),
  role: z.enum(ENTERPRISE_ROLES),
  grantedBy: z.string().nullable(),
  since: z.string(),
});

/** What the simulated 电子营业执照 shows the legal representative, and their answer. */
export const licenceSimView = z.object({
  ref: z.string(),
  uscc: z.string(),
  enterpriseName: z.string(),
  legalRepName: z.string(),
  applicantName: z.string(),
  applicantPhoneMasked: z.string(),
  role: z.enum(ENTERPRISE_ROLES),
  status: z.enum(BINDING_STATUSES),
  expiresAt: z.string(),
});
export const licenceSimDecision = z.object({ approve: z.boolean() }).strict();

/** 138****5678: what a page or a log shows of a phone number. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}
