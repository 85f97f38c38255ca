/**
 * The web sign-in's cookies and the checks on what the browser sends: a session cookie (HttpOnly, SameSite=Lax,
 * Secure on https), the sign-in attempt's cookie, and a return path that must stay on this origin.
 */

/** The web session: an opaque id, stored hashed server-side. */
export const SESSION_COOKIE = 'reglife_session';
/** The sign-in in progress: the state sent to the provider, matched on the callback (10 minutes). */
export const LOGIN_COOKIE = 'reglife_login';
/** A cookie-authenticated POST, PUT, PATCH or DELETE must carry this header with this value (CSRF). */
export const CSRF_HEADER = 'x-requested-with';
export const CSRF_HEADER_VALUE = 'reglife-web';
export const LOGIN_TTL_SECONDS = 600;

/** The cookies of a `Cookie` header, by name (the first of a repeated name wins). */
export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';').map((item) => item.trim())) {
    const at = part.indexOf('=');
    if (at <= 0) continue;
    const name = part.slice(0, at).trim();
    let value = part.slice(at + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    if (!cookies.has(name)) cookies.set(name, value);
  }
  return cookies;
}

export interface CookieOptions {
  /** Seconds; 0 deletes the cookie. */
  maxAge: number;
  secure: boolean;
}

/** A `Set-Cookie` value: HttpOnly, SameSite=Lax, Path=/, Secure when asked. */
export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  const parts = [`${name}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${Math.max(0, Math.floor(options.maxAge))}`];
  if (options.maxAge <= 0) parts.push('Expires=Thu, 01 Jan 1970 00:00:00 GMT');
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}

/**
 * Where to send the browser after sign-in: a path of this origin (`/`, `/regulations?ward=hang-bac`), never another
 * origin (`//evil.example`, `https://…`, `/\\evil`), nor control characters; null when not acceptable.
 */
export function safeReturnTo(value: unknown): string | null {
  if (value === undefined || value === '') return '/';
  if (typeof value !== 'string' || value.length > 2000) return null;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return null;
  // Parsed against a placeholder origin: a path that resolves elsewhere is refused.
  const resolved = new URL(value, 'http://origin.invalid');
  return resolved.origin === 'http://origin.invalid' ? value : null;
}
