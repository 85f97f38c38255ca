/**
 * Web sign-in (OpenID Connect, the api as the browser's back end): the sign-ins in progress (state, nonce and PKCE
 * verifier, for 10 minutes) and the sessions (the provider's tokens, never sent to the browser). Both keyed by the
 * SHA-256 of a random value the browser holds in a cookie, so the table alone lets no one act as a user. Not part of
 * the legal record: the application role reads and writes them like the projections (default privileges).
 */
import { MigrationInterface, QueryRunner } from 'typeorm';

export class WebSessions1796610000000 implements MigrationInterface {
  name = 'WebSessions1796610000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE web_sign_ins (
        state_hash text PRIMARY KEY,
        code_verifier text NOT NULL,
        nonce text NOT NULL,
        redirect_uri text NOT NULL,
        return_to text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE web_sessions (
        id_hash text PRIMARY KEY,
        subject text NOT NULL,
        principal jsonb NOT NULL,
        name text,
        access_token text NOT NULL,
        id_token text,
        refresh_token text,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX web_sessions_expires_at ON web_sessions (expires_at)`);
    await queryRunner.query(`CREATE INDEX web_sign_ins_expires_at ON web_sign_ins (expires_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE web_sessions`);
    await queryRunner.query(`DROP TABLE web_sign_ins`);
  }
}
