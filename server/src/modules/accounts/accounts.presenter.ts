// Rows of the accounts module → API shapes (camelCase, ISO times in Asia/Shanghai, phones masked).
import {
  maskPhone,
  type AccountView,
  type BindingView,
  type EnterpriseRole,
  type BindingStatus,
} from '@tingquan/common/schemas/accounts';
import type { AccountBindingTable, AccountLicenceSimTable } from '../../db/schema.ts';
import { toIso } from '../../lib/clock.ts';
import type { Actor } from '../auth/actor.ts';
import type { listMembers, listMemberships } from './accounts.repository.ts';
import { subjectView, type Subject } from './subject.ts';

type Membership = Awaited<ReturnType<typeof listMemberships>>[number];
type Member = Awaited<ReturnType<typeof listMembers>>[number];

export function presentAccount(
  actor: Actor,
  phone: string | null,
  memberships: Membership[],
  acting: Subject,
  csrf: string,
): AccountView {
  return {
    userId: actor.id as string,
    name: actor.displayName,
    phoneMasked: maskPhone(phone),
    csrfToken: csrf,
    enterprises: memberships.map((m) => ({
      enterpriseId: m.enterprise_id,
      uscc: m.uscc,
      name: m.name,
      legalRepName: m.legal_rep_name,
      role: m.role as EnterpriseRole,
      since: toIso(m.created_at) as string,
    })),
    acting: subjectView(acting),
  };
}

export function presentBinding(b: AccountBindingTable): BindingView {
  return {
    id: b.id,
    uscc: b.uscc,
    name: b.name,
    role: b.role as EnterpriseRole,
    status: b.status as BindingStatus,
    provider: b.provider,
    confirmUrl: b.confirm_url,
    enterpriseId: b.enterprise_id,
    createdAt: toIso(b.created_at) as string,
    decidedAt: toIso(b.decided_at),
  };
}

export function presentMembers(rows: Member[]) {
  return rows.map((m) => ({
    userId: m.user_id,
    name: m.display_name,
    phoneMasked: maskPhone(m.phone),
    role: m.role as EnterpriseRole,
    grantedBy: m.granted_by,
    since: toIso(m.created_at) as string,
  }));
}

export function presentLicenceSim(row: AccountLicenceSimTable) {
  return {
    ref: row.ref,
    uscc: row.uscc,
    enterpriseName: row.enterprise_name,
    legalRepName: row.legal_rep_name,
    applicantName: row.applicant_name,
    applicantPhoneMasked: row.applicant_phone_masked,
    role: row.role as EnterpriseRole,
    status: row.status as BindingStatus,
    expiresAt: toIso(row.expires_at) as string,
  };
}
