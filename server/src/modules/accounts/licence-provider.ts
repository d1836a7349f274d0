// The 电子营业执照 (electronic business licence) behind an adapter: an enterprise's legal representative confirms, in
// the licence app, that a person may act for the enterprise with a role. The simulated provider is the demo's; a city
// plugs in the real one by implementing BusinessLicenceProvider (see README.md in this folder).
import type { EnterpriseRole } from '@tingquan/common/schemas/accounts';
import { AppError } from '../../lib/errors.ts';

export interface AuthorizationRequest {
  uscc: string;
  /** The name the applicant typed; the provider answers with the register's name. */
  enterpriseName: string;
  applicant: { name: string; phoneMasked: string };
  role: EnterpriseRole;
}

export interface AuthorizationOutcome {
  status: 'pending' | 'approved' | 'declined' | 'expired' | 'not_found';
  /** On approval: the enterprise as the register knows it. */
  enterprise?: { uscc: string; name: string; legalRepName: string };
}

export interface BusinessLicenceProvider {
  /** Stored with each binding, so that a later provider change does not confuse old ones. */
  readonly name: string;
  /** Starts the confirmation; `confirmUrl` is where the legal representative answers (a QR code's content). */
  requestAuthorization(req: AuthorizationRequest): Promise<{ ref: string; confirmUrl: string | null }>;
  /** Asks how the confirmation ended (or that it is still pending). */
  authorizationStatus(ref: string): Promise<AuthorizationOutcome>;
}

/** Production without a configured provider: enterprises cannot be bound, and the answer says why. */
export const unconfiguredLicenceProvider: BusinessLicenceProvider = {
  name: 'none',
  async requestAuthorization() {
    throw new AppError('conflict', 'no 电子营业执照 provider is configured: enterprises cannot be bound yet');
  },
  async authorizationStatus() {
    return { status: 'not_found' };
  },
};
