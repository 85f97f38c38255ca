/**
 * Administrative units as data (issue 14): `admin_units` (code, Vietnamese name, level, parent, validity), the
 * reorganizations that end units (`admin_reorganizations`, with their legal basis) and the successions they make
 * (`admin_unit_successions`: one successor per dissolved unit takes its regulations). Loaded with the list kept in
 * the repository (libs/admin-units/data); later lists come in by `npm run units:import`, as the migration owner.
 */
import { MigrationInterface, QueryRunner } from 'typeorm';
import { importUnitListIn, seedUnitList } from '@app/admin-units';
import { APPLICATION_ROLE } from './1796100000000-application-role';

export class AdminUnits1796400000000 implements MigrationInterface {
  name = 'AdminUnits1796400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE admin_reorganizations (
        id text PRIMARY KEY,
        basis text NOT NULL,
        effective_on date NOT NULL,
        confirmed boolean NOT NULL,
        note text
      )`);
    await queryRunner.query(`
      CREATE TABLE admin_units (
        code text PRIMARY KEY,
        name text NOT NULL,
        level text NOT NULL CONSTRAINT admin_units_level_check CHECK (level IN ('province', 'district', 'ward', 'commune')),
        parent_code text REFERENCES admin_units (code) DEFERRABLE INITIALLY IMMEDIATE,
        valid_from date NOT NULL,
        valid_to date,
        gso_code text,
        gso_code_confirmed boolean NOT NULL,
        ended_by text REFERENCES admin_reorganizations (id) DEFERRABLE INITIALLY IMMEDIATE,
        note text,
        CONSTRAINT admin_units_validity_check CHECK (valid_to IS NULL OR valid_to >= valid_from)
      )`);
    await queryRunner.query(`CREATE INDEX admin_units_parent_idx ON admin_units (parent_code)`);
    await queryRunner.query(`
      CREATE TABLE admin_unit_successions (
        predecessor_code text NOT NULL REFERENCES admin_units (code) DEFERRABLE INITIALLY IMMEDIATE,
        successor_code text NOT NULL REFERENCES admin_units (code) DEFERRABLE INITIALLY IMMEDIATE,
        share text NOT NULL CONSTRAINT admin_unit_successions_share_check CHECK (share IN ('whole', 'part')),
        receives_regulations boolean NOT NULL,
        reorganization_id text NOT NULL REFERENCES admin_reorganizations (id) DEFERRABLE INITIALLY IMMEDIATE,
        clause text,
        confirmed boolean NOT NULL,
        note text,
        PRIMARY KEY (predecessor_code, successor_code),
        -- One successor takes a dissolved unit's regulations; deferred so an import may move the mark.
        CONSTRAINT admin_unit_successions_one_receiver EXCLUDE (predecessor_code WITH =) WHERE (receives_regulations) DEFERRABLE INITIALLY DEFERRED
      )`);
    // Reference data: the application reads it; only the migration owner (migrations, npm run units:import) writes it.
    await queryRunner.query(
      `REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON admin_units, admin_reorganizations, admin_unit_successions FROM ${APPLICATION_ROLE}`,
    );
    await importUnitListIn(queryRunner, seedUnitList());
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE admin_unit_successions`);
    await queryRunner.query(`DROP TABLE admin_units`);
    await queryRunner.query(`DROP TABLE admin_reorganizations`);
  }
}
