/**
 * The web sign-in's server-side records in PostgreSQL: sign-ins in progress and sessions, each found by the SHA-256
 * of the random value in the browser's cookie (the value itself is never stored).
 */
import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EVENT_STORE_DATA_SOURCE } from '@app/event-store';
import { RefreshRefusedError, RenewedTokens } from './oidc-client';
import type { Principal } from './principal';

export interface PendingSignIn {
  codeVerifier: string;
  nonce: string;
  redirectUri: string;
  returnTo: string;
}

export interface WebSession {
  principal: Principal;
  name: string | null;
  accessToken: string;
  idToken: string | null;
  /** Epoch ms. */
  expiresAt: number;
  /** Whether the provider gave a refresh token: an expired access token is then renewed while the session lasts. */
  renewable: boolean;
}

interface SessionRow {
  principal: Principal;
  name: string | null;
  access_token: string;
  id_token: string | null;
  refresh_token: string | null;
  expires_at: number;
}

const SESSION_COLUMNS = `principal, name, access_token, id_token, refresh_token, (extract(epoch FROM expires_at) * 1000)::float8 AS expires_at`;

const toSession = (row: SessionRow): WebSession => ({
  principal: row.principal,
  name: row.name,
  accessToken: row.access_token,
  idToken: row.id_token,
  expiresAt: Math.round(row.expires_at),
  renewable: row.refresh_token !== null,
});

export const randomSecret = (): string => randomBytes(32).toString('base64url');
const hashOf = (secret: string): string => createHash('sha256').update(secret).digest('hex');
/** Cookie values the api issued: 43 base64url characters. Anything else is not looked up. */
const SECRET = /^[A-Za-z0-9_-]{43}$/;

@Injectable()
export class WebSessionsRepository {
  constructor(@Inject(EVENT_STORE_DATA_SOURCE) private readonly dataSource: DataSource) {}

  async saveSignIn(state: string, signIn: PendingSignIn, ttlSeconds: number): Promise<void> {
    await this.dataSource.query(`DELETE FROM web_sign_ins WHERE expires_at < now()`);
    await this.dataSource.query(
      `INSERT INTO web_sign_ins (state_hash, code_verifier, nonce, redirect_uri, return_to, expires_at)
       VALUES ($1, $2, $3, $4, $5, now() + make_interval(secs => $6))`,
      [hashOf(state), signIn.codeVerifier, signIn.nonce, signIn.redirectUri, signIn.returnTo, ttlSeconds],
    );
  }

  /** The sign-in started with this state, removed (a state is used once); null when unknown, used or expired. */
  async takeSignIn(state: string): Promise<PendingSignIn | null> {
    if (!SECRET.test(state)) return null;
    const rows = (await this.dataSource.query(
      `DELETE FROM web_sign_ins WHERE state_hash = $1 RETURNING code_verifier, nonce, redirect_uri, return_to, expires_at > now() AS live`,
      [hashOf(state)],
    )) as unknown[];
    // TypeORM answers a DELETE … RETURNING with [rows, count].
    const row = (Array.isArray(rows[0]) ? rows[0] : rows)[0] as { code_verifier: string; nonce: string; redirect_uri: string; return_to: string; live: boolean } | undefined;
    if (!row?.live) return null;
    return { codeVerifier: row.code_verifier, nonce: row.nonce, redirectUri: row.redirect_uri, returnTo: row.return_to };
  }

  /** Stores a new session and returns the cookie value that names it. */
  async createSession(session: Omit<WebSession, 'renewable'> & { refreshToken: string | null }): Promise<string> {
    const id = randomSecret();
    // Sessions ended more than a day ago go as new ones come.
    await this.dataSource.query(`DELETE FROM web_sessions WHERE expires_at < now() - interval '1 day'`);
    await this.dataSource.query(
      `INSERT INTO web_sessions (id_hash, subject, principal, name, access_token, id_token, refresh_token, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, to_timestamp($8::double precision / 1000))`,
      [hashOf(id), session.principal.id, JSON.stringify(session.principal), session.name, session.accessToken, session.idToken, session.refreshToken, session.expiresAt],
    );
    return id;
  }

  async findSession(id: string): Promise<WebSession | null> {
    if (!SECRET.test(id)) return null;
    const [row] = (await this.dataSource.query(`SELECT ${SESSION_COLUMNS} FROM web_sessions WHERE id_hash = $1`, [hashOf(id)])) as SessionRow[];
    return row ? toSession(row) : null;
  }

  /**
   * Renews the session's access token whose expiry a request met (`expired`), with `renew` given its refresh token,
   * and stores what it returns. Under the session row's lock: requests that met the same expiry at once wait, then
   * take the token the first one stored instead of spending the refresh token again (a provider that rotates refresh
   * tokens would take a second use for a theft and revoke them all). A refusal ends the session (its end set to now)
   * and is rethrown. Null when the session is gone or holds no refresh token.
   */
  async renewSession(id: string, expired: string, renew: (refreshToken: string) => Promise<RenewedTokens>): Promise<WebSession | null> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const [row] = (await manager.query(`SELECT ${SESSION_COLUMNS} FROM web_sessions WHERE id_hash = $1 FOR UPDATE`, [hashOf(id)])) as SessionRow[];
        if (!row?.refresh_token) return null;
        if (row.access_token !== expired) return toSession(row);
        const renewed = await renew(row.refresh_token);
        const updated: SessionRow = {
          ...row,
          access_token: renewed.accessToken,
          refresh_token: renewed.refreshToken ?? row.refresh_token,
          id_token: renewed.idToken ?? row.id_token,
        };
        await manager.query(`UPDATE web_sessions SET access_token = $2, refresh_token = $3, id_token = $4 WHERE id_hash = $1`, [
          hashOf(id),
          updated.access_token,
          updated.refresh_token,
          updated.id_token,
        ]);
        return toSession(updated);
      });
    } catch (error) {
      if (error instanceof RefreshRefusedError) await this.dataSource.query(`UPDATE web_sessions SET expires_at = least(expires_at, now()) WHERE id_hash = $1`, [hashOf(id)]);
      throw error;
    }
  }

  /** Ends the session; returns it as it was (for the provider's logout), or null. */
  async deleteSession(id: string): Promise<WebSession | null> {
    const session = await this.findSession(id);
    if (session) await this.dataSource.query(`DELETE FROM web_sessions WHERE id_hash = $1`, [hashOf(id)]);
    return session;
  }
}
