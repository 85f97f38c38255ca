/**
 * Development bearer tokens, signed with the token command's private key: AUTH_SIGNING_KEY, or
 * ${DATA_DIR:-data}/keys/signing-key.pem, generated on first use. The api never sees that key: it verifies with the
 * public half (AUTH_PUBLIC_KEY, which `npm start` hands it, or AUTH_PUBLIC_KEY_FILE).
 *
 *   npm run -s token -- --role officer --ward hang-bac            one token on stdout
 *   npm run -s token -- --role district_approver --ward '*' --sub district-hoan-kiem --ttl 2h
 *   npm run -s token -- --demo                                     role<TAB>token for every demo role
 *   npm run -s token -- --public-key                               the public key (SPKI PEM) for the api's AUTH_PUBLIC_KEY
 *
 * `--ward` repeats or takes a comma-separated list; `*` is the whole district. Each ward must be a unit of the
 * administrative units table (read at DATABASE_URL, default the one of `npm start`). With AUTH_JWKS_URL set the
 * tokens come from the identity provider, not from here.
 */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { Client as PgClient } from 'pg';
import { authConfig } from '../apps/api/src/auth/auth.config';
import { DEFAULT_TOKEN_TTL_SECONDS, mintToken, TokenClaims } from '../apps/api/src/auth/dev-tokens';
import { districtReaders } from '@app/domain';
import { callerRoles, CallerRole, principalFromClaims } from '../apps/api/src/auth/principal';
import { LocalSigningKey, loadOrCreateSigningKey, publicKeyPem } from '../apps/api/src/auth/signing-key';

const projectRoot = path.resolve(__dirname, '..');

/** The demo's principals: one per role for the ward Hàng Bạc, the district approver, a supervisor and an auditor. */
export const demoPrincipals: Record<CallerRole, TokenClaims> = {
  officer: { sub: 'officer-hang-bac', role: 'officer', wards: ['hang-bac'] },
  ward_chair: { sub: 'chair-hang-bac', role: 'ward_chair', wards: ['hang-bac'] },
  front: { sub: 'front-hang-bac', role: 'front', wards: ['hang-bac'] },
  district_approver: { sub: 'district-hoan-kiem', role: 'district_approver', wards: ['*'] },
  supervisor: { sub: 'bcd-hoan-kiem', role: 'supervisor', wards: ['*'] },
  auditor: { sub: 'auditor-hoan-kiem', role: 'auditor', wards: ['*'] },
};

interface Signer {
  key: LocalSigningKey;
  issuer: string;
  audience: string;
}

/**
 * The private key's folder: beside the api's data but never given to it (the api reads no DATA_DIR and takes only
 * the public key). Relative to the repository root, as `npm start` resolves DATA_DIR.
 */
export const signingKeyDir = (): string => path.resolve(projectRoot, process.env.DATA_DIR || 'data', 'keys');

async function localSigner(): Promise<Signer | null> {
  const config = authConfig();
  if (config.jwksUrl) return null;
  const key = await loadOrCreateSigningKey({ signingKey: process.env.AUTH_SIGNING_KEY || null, keyDir: signingKeyDir() });
  return { key, issuer: config.issuer, audience: config.audience };
}

/** The public half of the local signing key as SPKI PEM (what the api takes as AUTH_PUBLIC_KEY); null with AUTH_JWKS_URL. */
export async function localPublicKeyPem(): Promise<string | null> {
  const signer = await localSigner();
  return signer && publicKeyPem(signer.key);
}

/**
 * One token per demo role (officer, ward_chair, front of hang-bac; district_approver, supervisor and auditor
 * of the whole district), valid 12 hours, keyed by role. Empty when AUTH_JWKS_URL is set: an identity
 * provider issues the tokens then.
 */
export async function mintDemoTokens(): Promise<Record<string, string>> {
  const signer = await localSigner();
  if (!signer) return {};
  const tokens: Record<string, string> = {};
  for (const [role, claims] of Object.entries(demoPrincipals)) {
    tokens[role] = await mintToken(signer.key, claims, { issuer: signer.issuer, audience: signer.audience });
  }
  return tokens;
}

function parseTtl(value: string): number {
  const match = /^(\d+)([smhd]?)$/.exec(value.trim());
  if (!match) throw new Error(`--ttl must be a number of seconds or like 30m, 12h, 7d (got "${value}")`);
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86_400 }[match[2] as '' | 's' | 'm' | 'h' | 'd'];
  const seconds = Number(match[1]) * unit;
  if (seconds < 1 || seconds > 30 * 86_400) throw new Error('--ttl must be between 1 second and 30 days');
  return seconds;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      ward: { type: 'string', multiple: true },
      sub: { type: 'string' },
      ttl: { type: 'string' },
      demo: { type: 'boolean' },
      'public-key': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(
      'usage: npm run -s token -- --role ROLE --ward WARD [--ward WARD…] [--sub ID] [--ttl 12h]\n' +
        '       npm run -s token -- --demo\n       npm run -s token -- --public-key\n' +
        `roles: ${callerRoles.join(', ')}; ward codes: GET /catalogue; --ward '*' is the whole district\n`,
    );
    return;
  }
  const signer = await localSigner();
  if (!signer) throw new Error('AUTH_JWKS_URL is set: tokens come from the identity provider');
  if (values['public-key']) {
    process.stdout.write(publicKeyPem(signer.key));
    return;
  }
  if (values.demo) {
    for (const [role, token] of Object.entries(await mintDemoTokens())) process.stdout.write(`${role}\t${token}\n`);
    return;
  }
  if (!values.role) throw new Error(`--role is required (${callerRoles.join(', ')})`);
  const role = values.role as CallerRole;
  const listed = (values.ward ?? []).flatMap((w) => w.split(',')).map((w) => w.trim()).filter(Boolean);
  const wards = listed.length === 0 && districtReaders.includes(role) ? ['*'] : listed;
  const firstWard = wards[0] === '*' ? 'hoan-kiem' : (wards[0] ?? 'hoan-kiem');
  const claims = { sub: values.sub ?? `${role.replace('_', '-')}-${firstWard}`, role, wards };
  // The same checks as the api's, so a token this prints is one the api accepts.
  const checked = principalFromClaims(claims);
  if ('invalid' in checked) {
    const hint = { sub: 'letters, digits, ".", "_", ":", "@", "-"', role: callerRoles.join(', '), wards: 'ward codes from GET /catalogue, or *' };
    throw new Error(`invalid ${checked.invalid}: ${hint[checked.invalid as keyof typeof hint] ?? ''}`);
  }
  const unknown = await unknownUnits(wards.filter((ward) => ward !== '*'));
  if (unknown.length > 0) throw new Error(`invalid wards: ${unknown.join(', ')} not in the administrative units table (GET /catalogue lists them)`);
  const ttlSeconds = values.ttl ? parseTtl(values.ttl) : DEFAULT_TOKEN_TTL_SECONDS;
  process.stdout.write(`${await mintToken(signer.key, claims, { issuer: signer.issuer, audience: signer.audience, ttlSeconds })}\n`);
  process.stderr.write(`[token] ${claims.role} ${claims.sub} for ${wards.join(', ')}, valid ${ttlSeconds} s, signed by ${signer.key.source}\n`);
}

/** The codes the administrative units table does not hold: the api would refuse a token naming them. */
async function unknownUnits(codes: string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  const pg = new PgClient({ connectionString: process.env.DATABASE_URL || 'postgres://reglife_app:reglife_app@127.0.0.1:5433/reglife' });
  await pg.connect();
  try {
    const { rows } = await pg.query('SELECT code FROM admin_units WHERE code = ANY($1::text[])', [codes]);
    const known = new Set(rows.map((row: { code: string }) => row.code));
    return codes.filter((code) => !known.has(code));
  } finally {
    await pg.end();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`[token] ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
