/**
 * Half-filled forms survive an expired session: on a 401 every mounted form's values go to sessionStorage (never a
 * token) and the browser goes to sign in, returning to the same path, where the form reads its draft back once.
 */
const PREFIX = 'reglife.draft:';
const forms = new Map<string, () => unknown>();

function key(form: string): string {
  return `${PREFIX}${window.location.pathname}:${form}`;
}

/** A mounted form registers how to read its values; the returned function unregisters it. */
export function registerDraft(form: string, read: () => unknown): () => void {
  forms.set(form, read);
  return () => {
    if (forms.get(form) === read) forms.delete(form);
  };
}

/** The draft saved for this form on this path, removed as it is read. */
export function takeDraft<T>(form: string): T | undefined {
  const saved = sessionStorage.getItem(key(form));
  if (saved === null) return undefined;
  sessionStorage.removeItem(key(form));
  return JSON.parse(saved) as T;
}

let leaving = false;

/** The person is leaving on purpose (signing out): a 401 answered on the way must not send the browser to sign in again. */
export function startLeaving(): void {
  leaving = true;
}

export function signInUrl(): string {
  const returnTo = `${window.location.pathname}${window.location.search}`;
  return `/auth/login?returnTo=${encodeURIComponent(returnTo)}`;
}

export function saveDraftsAndSignIn(): void {
  if (leaving) return;
  leaving = true;
  for (const [form, read] of forms) {
    const values = read();
    if (values !== undefined) sessionStorage.setItem(key(form), JSON.stringify(values));
  }
  window.location.assign(signInUrl());
}
