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

it('accepts a public key, a public key file, or a JWKS URL with its issuer', () => {
  expect(refusal({ AUTH_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----…' })).toBeNull();
  expect(refusal({ AUTH_PUBLIC_KEY_FILE: '/run/secrets/auth-public-key.pem' })).toBeNull();
  expect(refusal({ AUTH_JWKS_URL: 'https://sso.example.vn/realms/reglife/protocol/openid-connect/certs', AUTH_ISSUER: 'https://sso.example.vn/realms/reglife' })).toBeNull();
  expect(refusal({ API_READ_RATE_LIMIT: '10', API_READ_RATE_WINDOW_SECONDS: '2', API_STREAMS_PER_CLIENT: '1' })).toBeNull();
  expect(refusal({ API_COMMAND_RATE_LIMIT: '5', API_COMMAND_RATE_WINDOW_SECONDS: '1', AUTH_ALGORITHMS: 'RS256, PS256', AUTH_CLOCK_TOLERANCE_SECONDS: '0' })).toBeNull();
});

it('refuses inconsistent or malformed settings, naming each', () => {
  expect(refusal({ AUTH_JWKS_URL: 'https://sso.example.vn/certs' })).toMatch(/AUTH_ISSUER is required/);
  expect(refusal({ AUTH_JWKS_URL: 'ftp://x', AUTH_ISSUER: 'i' })).toMatch(/AUTH_JWKS_URL must be an http/);
  expect(refusal({ AUTH_JWKS_URL: 'https://x/certs', AUTH_ISSUER: 'i', AUTH_PUBLIC_KEY: 'k' })).toMatch(/set one of .*\(got AUTH_JWKS_URL and AUTH_PUBLIC_KEY\)/);
  expect(refusal({ AUTH_PUBLIC_KEY: 'k', AUTH_PUBLIC_KEY_FILE: 'f' })).toMatch(/set one of/);
  expect(refusal({ AUTH_SIGNING_KEY: '-----BEGIN PRIVATE KEY-----…' })).toMatch(/AUTH_SIGNING_KEY is a private key: the api verifies with a public key only/);
  expect(refusal({ AUTH_PUBLIC_KEY: 'k', AUTH_SIGNING_KEY: 'k' })).toMatch(/AUTH_SIGNING_KEY is a private key/);
  expect(refusal({ AUTH_ALGORITHMS: 'RS256,HS256' })).toMatch(/AUTH_ALGORITHMS .* \(got HS256\)/);
  expect(refusal({ AUTH_ALGORITHMS: 'none' })).toMatch(/AUTH_ALGORITHMS/);
  expect(refusal({ API_COMMAND_RATE_LIMIT: '0' })).toMatch(/API_COMMAND_RATE_LIMIT must be a positive integer/);
  expect(refusal({ API_COMMAND_RATE_WINDOW_SECONDS: '1.5' })).toMatch(/API_COMMAND_RATE_WINDOW_SECONDS/);
  expect(refusal({ API_READ_RATE_LIMIT: '0' })).toMatch(/API_READ_RATE_LIMIT must be a positive integer/);
  expect(refusal({ API_READ_RATE_WINDOW_SECONDS: 'x' })).toMatch(/API_READ_RATE_WINDOW_SECONDS/);
  expect(refusal({ API_STREAMS_PER_CLIENT: '-2' })).toMatch(/API_STREAMS_PER_CLIENT/);
  expect(refusal({ AUTH_CLOCK_TOLERANCE_SECONDS: '-1' })).toMatch(/AUTH_CLOCK_TOLERANCE_SECONDS/);
});
