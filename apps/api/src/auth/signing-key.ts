/**
 * The token command's local signing key (`npm run token`, `npm start`'s demo tokens, tests): from `AUTH_SIGNING_KEY`
 * (PKCS#8 PEM or a private JWK), or an ES256 key pair generated once into `${DATA_DIR:-data}/keys/signing-key.pem`.
 * Never imported by the api, which verifies with the public half only (verification-key.ts).
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { calculateJwkThumbprint, exportJWK } from 'jose';
import { keyAlgorithm, LocalAlgorithm } from './verification-key';

export interface LocalSigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  alg: LocalAlgorithm;
  /** RFC 7638 thumbprint of the public key, sent as the token header's `kid`. */
  kid: string;
  /** Where it came from: `AUTH_SIGNING_KEY` or the file path. */
  source: string;
}

export const SIGNING_KEY_FILE = 'signing-key.pem';

/** A new private key as PKCS#8 PEM: what `AUTH_SIGNING_KEY` takes, and what tests generate for themselves. */
export function generateSigningKeyPem(alg: 'ES256' | 'RS256' = 'ES256'): string {
  const { privateKey } =
    alg === 'ES256' ? generateKeyPairSync('ec', { namedCurve: 'P-256' }) : generateKeyPairSync('rsa', { modulusLength: 2048 });
  return privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
}

/** A private key given as PEM (newlines may be written `\n`) or as a private JWK in JSON. */
export async function parseSigningKey(text: string, source: string): Promise<LocalSigningKey> {
  const trimmed = text.trim();
  let privateKey: KeyObject;
  try {
    privateKey = trimmed.startsWith('{')
      ? createPrivateKey({ key: JSON.parse(trimmed) as import('node:crypto').JsonWebKey, format: 'jwk' })
      : createPrivateKey(trimmed.replace(/\\n/g, '\n'));
  } catch (error) {
    throw new Error(`${source} is not a private key in PEM or JWK form: ${(error as Error).message}`);
  }
  const alg = keyAlgorithm(privateKey, source);
  const publicKey = createPublicKey(privateKey);
  const kid = await calculateJwkThumbprint(await exportJWK(publicKey));
  return { privateKey, publicKey, alg, kid, source };
}

/**
 * `AUTH_SIGNING_KEY` when given, else the key file in `keyDir`, generated on first use. Creation is atomic
 * (written aside, then hard-linked into place), so `npm start` and a token command starting together end
 * up with the same key.
 */
export async function loadOrCreateSigningKey(options: { signingKey: string | null; keyDir: string }): Promise<LocalSigningKey> {
  if (options.signingKey) return parseSigningKey(options.signingKey, 'AUTH_SIGNING_KEY');
  const file = path.join(options.keyDir, SIGNING_KEY_FILE);
  if (!fs.existsSync(file)) {
    try {
      fs.mkdirSync(path.dirname(options.keyDir), { recursive: true });
      try {
        fs.mkdirSync(options.keyDir, { mode: 0o700 });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const aside = path.join(options.keyDir, `.${SIGNING_KEY_FILE}.${randomBytes(6).toString('hex')}`);
      fs.writeFileSync(aside, generateSigningKeyPem('ES256'), { mode: 0o600, flag: 'wx' });
      try {
        fs.linkSync(aside, file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      } finally {
        fs.rmSync(aside, { force: true });
      }
    } catch (error) {
      throw new Error(
        `cannot create the local signing key ${file} (${(error as Error).message}): ` +
          'set AUTH_SIGNING_KEY (a private key in PEM or JWK form) or a writable DATA_DIR',
      );
    }
  }
  return parseSigningKey(fs.readFileSync(file, 'utf8'), file);
}

/** The public half as SPKI PEM: what the api takes as AUTH_PUBLIC_KEY. */
export function publicKeyPem(key: LocalSigningKey): string {
  return key.publicKey.export({ format: 'pem', type: 'spki' }).toString();
}
