/** Start-up validation of the access-control settings: a wrong or inconsistent one stops the api. */
import { validateApiEnv } from '../api.config';

const refusal = (env: Record<string, string>) => {
  try {
    validateApiEnv(env);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
};

it('accepts the embedded default, a signing key, or a JWKS URL with its issuer', () => {
  expect(refusal({})).toBeNull();
  expect(refusal({ AUTH_SIGNING_KEY: '-----BEGIN PRIVATE KEY-----…' })).toBeNull();
  expect(refusal({ AUTH_JWKS_URL: 'https://sso.example.vn/realms/reglife/protocol/openid-connect/certs', AUTH_ISSUER: 'https://sso.example.vn/realms/reglife' })).toBeNull();
  expect(refusal({ API_COMMAND_RATE_LIMIT: '5', API_COMMAND_RATE_WINDOW_SECONDS: '1', AUTH_ALGORITHMS: 'RS256, PS256', AUTH_CLOCK_TOLERANCE_SECONDS: '0' })).toBeNull();
});

it('refuses inconsistent or malformed settings, naming each', () => {
  expect(refusal({ AUTH_JWKS_URL: 'https://sso.example.vn/certs' })).toMatch(/AUTH_ISSUER is required/);
  expect(refusal({ AUTH_JWKS_URL: 'ftp://x', AUTH_ISSUER: 'i' })).toMatch(/AUTH_JWKS_URL must be an http/);
  expect(refusal({ AUTH_JWKS_URL: 'https://x/certs', AUTH_ISSUER: 'i', AUTH_SIGNING_KEY: 'k' })).toMatch(/not both/);
  expect(refusal({ AUTH_ALGORITHMS: 'RS256,HS256' })).toMatch(/AUTH_ALGORITHMS .* \(got HS256\)/);
  expect(refusal({ AUTH_ALGORITHMS: 'none' })).toMatch(/AUTH_ALGORITHMS/);
  expect(refusal({ API_COMMAND_RATE_LIMIT: '0' })).toMatch(/API_COMMAND_RATE_LIMIT must be a positive integer/);
  expect(refusal({ API_COMMAND_RATE_WINDOW_SECONDS: '1.5' })).toMatch(/API_COMMAND_RATE_WINDOW_SECONDS/);
  expect(refusal({ AUTH_CLOCK_TOLERANCE_SECONDS: '-1' })).toMatch(/AUTH_CLOCK_TOLERANCE_SECONDS/);
});
