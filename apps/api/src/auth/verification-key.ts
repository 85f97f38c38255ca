/**
 * The api's local verification key: a public key only (`AUTH_PUBLIC_KEY` as SPKI PEM or a public JWK, or the file
 * `AUTH_PUBLIC_KEY_FILE`). Private key material is refused: minting is the token command's (scripts/token.ts), which
 * keeps the private key outside the api's reach.
 */
import { createPublicKey, JsonWebKey, KeyObject } from 'node:crypto';
import * as fs from 'node:fs';
import { calculateJwkThumbprint, exportJWK } from 'jose';

export type LocalAlgorithm = 'ES256' | 'ES384' | 'RS256' | 'EdDSA';

export interface VerificationKey {
  publicKey: KeyObject;
  alg: LocalAlgorithm;
  /** RFC 7638 thumbprint of the public key: the `kid` of the tokens it verifies. */
  kid: string;
  /** Where it came from: `AUTH_PUBLIC_KEY` or the file path. */
  source: string;
}

const PRIVATE_PEM = /-----BEGIN [A-Z ]*PRIVATE KEY-----/;

/** A public key given as PEM (newlines may be written `\n`) or as a public JWK in JSON; a private key is refused. */
export async function parseVerificationKey(text: string, source: string): Promise<VerificationKey> {
  const trimmed = text.trim();
  let publicKey: KeyObject;
  try {
    if (trimmed.startsWith('{')) {
      const jwk = JSON.parse(trimmed) as JsonWebKey;
      if (jwk.d !== undefined) throw new PrivateKeyGiven();
      publicKey = createPublicKey({ key: jwk, format: 'jwk' });
    } else {
      if (PRIVATE_PEM.test(trimmed)) throw new PrivateKeyGiven();
      publicKey = createPublicKey(trimmed.replace(/\\n/g, '\n'));
    }
  } catch (error) {
    if (error instanceof PrivateKeyGiven) {
      throw new Error(`${source} holds a private key: the api verifies with the public key only (\`npm run -s token -- --public-key\` prints it)`);
    }
    throw new Error(`${source} is not a public key in PEM or JWK form: ${(error as Error).message}`);
  }
  const alg = keyAlgorithm(publicKey, source);
  const kid = await calculateJwkThumbprint(await exportJWK(publicKey));
  return { publicKey, alg, kid, source };
}

/** `AUTH_PUBLIC_KEY` when given, else the file `AUTH_PUBLIC_KEY_FILE`; the api never reads or creates a private key. */
export async function loadVerificationKey(options: { publicKey: string | null; publicKeyFile: string | null }): Promise<VerificationKey> {
  if (options.publicKey) return parseVerificationKey(options.publicKey, 'AUTH_PUBLIC_KEY');
  if (!options.publicKeyFile) {
    throw new Error(
      'no key to verify bearer tokens with: set AUTH_JWKS_URL and AUTH_ISSUER (identity provider), ' +
        'or AUTH_PUBLIC_KEY / AUTH_PUBLIC_KEY_FILE (the public half of the token command’s key: `npm run -s token -- --public-key`)',
    );
  }
  let text: string;
  try {
    text = fs.readFileSync(options.publicKeyFile, 'utf8');
  } catch (error) {
    throw new Error(`cannot read AUTH_PUBLIC_KEY_FILE ${options.publicKeyFile}: ${(error as Error).message}`);
  }
  return parseVerificationKey(text, options.publicKeyFile);
}

/** The one algorithm a local key signs and verifies with. */
export function keyAlgorithm(key: KeyObject, source: string): LocalAlgorithm {
  switch (key.asymmetricKeyType) {
    case 'ec': {
      const curve = key.asymmetricKeyDetails?.namedCurve;
      if (curve === 'prime256v1' || curve === 'P-256') return 'ES256';
      if (curve === 'secp384r1' || curve === 'P-384') return 'ES384';
      throw new Error(`${source}: EC curve ${curve} is not supported (use P-256)`);
    }
    case 'rsa':
      if ((key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) throw new Error(`${source}: an RSA key needs at least 2048 bits`);
      return 'RS256';
    case 'ed25519':
      return 'EdDSA';
    default:
      throw new Error(`${source}: ${key.asymmetricKeyType} keys are not supported (use EC P-256 or RSA)`);
  }
}

class PrivateKeyGiven extends Error {}
