/**
 * The bearer token of this browser tab, kept in sessionStorage, and the claims it names. The claims are decoded for
 * display only: the api verifies the token on every call.
 */

const TOKEN_KEY = 'reglife.dashboard.token';
const DISTRICT_READERS = ['supervisor', 'auditor'];

export function storedToken() {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function storeToken(token) {
  sessionStorage.setItem(TOKEN_KEY, token);
}

export function forgetToken() {
  sessionStorage.removeItem(TOKEN_KEY);
}

/** The token as pasted, without surrounding blanks or a leading `Bearer `. */
export function normalizeToken(text) {
  return text.trim().replace(/^Bearer\s+/i, '');
}

/** The payload of a JWT as an object, or null when the text is not a JWT. */
export function decodeClaims(token) {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  try {
    const base64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(base64.padEnd(base64.length + ((4 - (base64.length % 4)) % 4), '=')), (c) => c.charCodeAt(0));
    const claims = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    return claims !== null && typeof claims === 'object' && !Array.isArray(claims) ? claims : null;
  } catch {
    return null;
  }
}

/** Who the claims name: `sub`, `role`, `wards` (`*` for the district) and the expiry instant in ms, or null. */
export function principalOf(claims) {
  const role = typeof claims.role === 'string' ? claims.role : '';
  const wards = Array.isArray(claims.wards) ? claims.wards.filter((ward) => typeof ward === 'string') : [];
  return {
    sub: typeof claims.sub === 'string' ? claims.sub : '',
    role,
    wards: DISTRICT_READERS.includes(role) || wards.includes('*') ? ['*'] : wards,
    expiresAt: typeof claims.exp === 'number' ? claims.exp * 1000 : null,
  };
}
