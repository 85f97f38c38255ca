import * as fs from 'node:fs';
import * as path from 'node:path';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { eventStoreMigrations } from './data-source';

const directory = path.join(__dirname, 'migrations');

/** Every migration class of every file in migrations/, registered or not. */
function migrationClasses(): { file: string; migration: new () => MigrationInterface }[] {
  return fs
    .readdirSync(directory)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('spec.ts'))
    .flatMap((file) =>
      Object.values(require(path.join(directory, file)) as Record<string, unknown>)
        .filter((value): value is new () => MigrationInterface => typeof value === 'function' && 'down' in value.prototype)
        .map((migration) => ({ file, migration })),
    );
}

/** A query runner that records every call `down` makes (SQL and TypeORM's schema methods alike) and runs nothing. */
function recordingRunner(calls: string[]): QueryRunner {
  return new Proxy({} as QueryRunner, {
    get: (_target, method) => (...args: unknown[]) => {
      calls.push(`${String(method)} ${JSON.stringify(args)}`);
      return Promise.resolve(method === 'query' ? [] : undefined);
    },
  });
}

const touchesEvents = /\b(drop|truncate|clear)\w*\b[\s\S]*\bevents\b(?![_\w])|\bdelete\s+from\s+("?public"?\.)?"?events"?\b/i;

describe('event store migrations', () => {
  it('are all registered in eventStoreMigrations', () => {
    expect(migrationClasses().map(({ migration }) => migration.name).sort()).toEqual(
      eventStoreMigrations.map((migration) => migration.name).sort(),
    );
  });

  it('never drop, truncate or empty events in down', async () => {
    const found = migrationClasses();
    expect(found.length).toBeGreaterThan(0);
    for (const { file, migration } of found) {
      const calls: string[] = [];
      await new migration().down(recordingRunner(calls)).catch(() => undefined);
      expect({ file, offending: calls.filter((call) => touchesEvents.test(call)) }).toEqual({ file, offending: [] });
    }
  });

  it('refuse to revert the migration that creates events, saying why', async () => {
    const found = migrationClasses();
    const creators: typeof found = [];
    for (const candidate of found) {
      const calls: string[] = [];
      await new candidate.migration().up(recordingRunner(calls));
      if (calls.some((call) => /CREATE TABLE events\b/.test(call))) creators.push(candidate);
    }
    expect(creators.map(({ file }) => file)).toEqual(['1795842927511-event-store.ts']);
    const [{ migration }] = creators;
    await expect(new migration().down(recordingRunner([]))).rejects.toThrow(/legal record, which is append-only/);
  });

  it('the scan catches a down that drops events', () => {
    for (const sql of ['DROP TABLE events', 'TRUNCATE events', 'DELETE FROM events', 'dropTable ["events"]', 'DROP TABLE IF EXISTS public.events CASCADE']) {
      expect({ sql, caught: touchesEvents.test(sql) }).toEqual({ sql, caught: true });
    }
    for (const sql of ['DROP TABLE approval_tasks', 'DROP FUNCTION events_hold_appends()', 'REVOKE ALL ON events FROM x']) {
      expect({ sql, caught: touchesEvents.test(sql) }).toEqual({ sql, caught: false });
    }
  });
});
