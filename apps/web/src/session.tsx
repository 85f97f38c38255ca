/**
 * Who is signed in, from the api's GET /auth/session (the session cookie, or a bearer header for API clients). No token
 * reaches this code: a 401 sends the browser to /auth/login and back (drafts.ts keeps the forms).
 */
import { useQuery } from '@tanstack/react-query';
import { createContext, useContext, type ReactNode } from 'react';
import type { ActorRole } from '../../../libs/domain/src/commands';
import { CSRF_HEADER } from './api/client';
import { saveDraftsAndSignIn, startLeaving } from './drafts';

export interface Session {
  id: string;
  /** The account's display name; null for an API client's bearer token (its subject is shown instead). */
  name: string | null;
  role: ActorRole;
  wards: string[];
  expiresAt: string;
}

const SessionContext = createContext<Session | null>(null);

async function readSession(): Promise<Session | null> {
  const response = await fetch('/auth/session', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (response.status === 401) return null;
  if (!response.ok) throw new Error(`GET /auth/session: HTTP ${response.status}`);
  return (await response.json()) as Session;
}

/**
 * Ends the api's session, then the provider's (its end-session URL); the browser leaves the page whatever the answer.
 * A request still in flight is answered 401 once the session ends: it must not start a new sign-in, which the
 * provider's still open session would grant at once.
 */
export async function signOut(): Promise<void> {
  startLeaving();
  let next = '/';
  try {
    const response = await fetch('/auth/logout', { method: 'POST', credentials: 'same-origin', headers: CSRF_HEADER });
    if (response.ok) next = ((await response.json()) as { endSessionUrl?: string }).endSessionUrl ?? '/';
  } finally {
    window.location.assign(next);
  }
}

/** Who is signed in; the entry starts it before the first render, so the app's code and the answer arrive together. */
export const sessionQuery = { queryKey: ['session'], queryFn: readSession, staleTime: 60_000 };

export function SessionProvider({ children, fallback }: { children: ReactNode; fallback: ReactNode }) {
  const session = useQuery(sessionQuery);
  if (session.isPending) return fallback;
  if (session.isError) throw session.error;
  if (session.data === null) {
    saveDraftsAndSignIn();
    return fallback;
  }
  return <SessionContext.Provider value={session.data}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** Where each role starts. */
export function homeOf(role: ActorRole): string {
  switch (role) {
    case 'ward_chair':
    case 'district_approver':
      return '/approvals';
    case 'supervisor':
      return '/supervision';
    case 'auditor':
      return '/audit';
    default:
      return '/workspace';
  }
}
