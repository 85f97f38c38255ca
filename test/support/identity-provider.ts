/**
 * The embedded OpenID provider (apps/idp) for a test: its web client registered for the api at `apiUrl`, the given
 * accounts with their passwords, and the api's OIDC settings that point at it (to merge into process.env before
 * createApp).
 */
import { hashPassword } from '../../apps/idp/src/accounts';
import { API_RESOURCE, RunningIdentityProvider, startIdentityProvider, WEB_CLIENT_ID } from '../../apps/idp/src/identity-provider';

export interface TestAccount {
  username: string;
  name: string;
  role: 'officer' | 'ward_chair' | 'district_approver' | 'supervisor' | 'front' | 'auditor';
  wards: string[];
  password: string;
}

const CLIENT_SECRET = 'test-client-secret-0123456789';

export async function startTestIdentityProvider(
  apiUrl: string,
  accounts: TestAccount[],
  options: { accessTokenTtlSeconds?: number } = {},
): Promise<{ idp: RunningIdentityProvider; apiEnv: Record<string, string> }> {
  const idp = await startIdentityProvider({
    port: 0,
    accessTokenTtlSeconds: options.accessTokenTtlSeconds,
    clients: [{ clientId: WEB_CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [`${apiUrl}/auth/callback`], postLogoutRedirectUris: [`${apiUrl}/`] }],
    accounts: accounts.map(({ password, ...record }) => ({ ...record, passwordHash: hashPassword(password) })),
  });
  const apiEnv = { OIDC_ISSUER: idp.issuer, OIDC_CLIENT_ID: WEB_CLIENT_ID, OIDC_CLIENT_SECRET: CLIENT_SECRET, OIDC_RESOURCE: API_RESOURCE };
  return { idp, apiEnv };
}
