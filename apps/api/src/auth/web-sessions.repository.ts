/**
 * The web sign-in's server-side records in PostgreSQL: sign-ins in progress and sessions, each found by the SHA-256
 * of the random value in the browser's cookie (the value itself is never stored).
 */
import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EVENT_STORE_DATA_SOURCE } from '@app/event-store';
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
}

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
  async createSession(session: WebSession & { refreshToken: string | null }): Promise<string> {
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
    const [row] = (await this.dataSource.query(
      `SELECT principal, name, access_token, id_token, (extract(epoch FROM expires_at) * 1000)::float8 AS expires_at FROM web_sessions WHERE id_hash = $1`,
      [hashOf(id)],
    )) as { principal: Principal; name: string | null; access_token: string; id_token: string | null; expires_at: number }[];
    if (!row) return null;
    return { principal: row.principal, name: row.name, accessToken: row.access_token, idToken: row.id_token, expiresAt: Math.round(row.expires_at) };
  }

  /** Ends the session; returns it as it was (for the provider's logout), or null. */
  async deleteSession(id: string): Promise<WebSession | null> {
    const session = await this.findSession(id);
    if (session) await this.dataSource.query(`DELETE FROM web_sessions WHERE id_hash = $1`, [hashOf(id)]);
    return session;
  }
}
