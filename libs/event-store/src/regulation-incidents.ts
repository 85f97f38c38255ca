/** Operational incidents of regulations, kept in PostgreSQL so that views and /metrics show them without Temporal. */
import { DataSource } from 'typeorm';

export type IncidentKind = 'timer_command_failing' | 'log_behind';
export const incidentKinds: readonly IncidentKind[] = ['timer_command_failing', 'log_behind'];

export interface IncidentReport {
  regulationId: string;
  kind: IncidentKind;
  /** The stable error code of the last failure. */
  code: string;
  detail: Record<string, unknown>;
  attempts: number;
}

export interface OpenIncident extends IncidentReport {
  openedAt: string;
  lastSeenAt: string;
}

export class RegulationIncidents {
  constructor(private readonly dataSource: DataSource) {}

  /** Opens the incident, or updates the open one (a resolved one opens again). */
  async raise({ regulationId, kind, code, detail, attempts }: IncidentReport): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO regulation_incidents (regulation_id, kind, code, detail, attempts, opened_at, last_seen_at)
       VALUES ($1, $2, $3, $4, $5, now(), now())
       ON CONFLICT (regulation_id, kind) DO UPDATE SET
         code = excluded.code, detail = excluded.detail, attempts = excluded.attempts, last_seen_at = now(),
         opened_at = CASE WHEN regulation_incidents.resolved_at IS NULL THEN regulation_incidents.opened_at ELSE now() END,
         resolved_at = NULL`,
      [regulationId, kind, code, JSON.stringify(detail), attempts],
    );
  }

  async resolve(regulationId: string, kind: IncidentKind): Promise<void> {
    await this.dataSource.query(
      'UPDATE regulation_incidents SET resolved_at = now() WHERE regulation_id = $1 AND kind = $2 AND resolved_at IS NULL',
      [regulationId, kind],
    );
  }

  async openOf(regulationId: string): Promise<OpenIncident[]> {
    const rows = (await this.dataSource.query(
      `SELECT regulation_id, kind, code, detail, attempts, opened_at, last_seen_at FROM regulation_incidents
       WHERE regulation_id = $1 AND resolved_at IS NULL ORDER BY opened_at, kind`,
      [regulationId],
    )) as IncidentRow[];
    return rows.map((r) => ({
      regulationId: r.regulation_id,
      kind: r.kind,
      code: r.code,
      detail: r.detail,
      attempts: r.attempts,
      openedAt: r.opened_at.toISOString(),
      lastSeenAt: r.last_seen_at.toISOString(),
    }));
  }

  /** Open incidents by kind (every kind, zeros included). */
  async openCounts(): Promise<Record<IncidentKind, number>> {
    const rows = (await this.dataSource.query(
      'SELECT kind, count(*)::int AS n FROM regulation_incidents WHERE resolved_at IS NULL GROUP BY kind',
    )) as { kind: IncidentKind; n: number }[];
    const counts = Object.fromEntries(incidentKinds.map((k) => [k, 0])) as Record<IncidentKind, number>;
    for (const row of rows) counts[row.kind] = row.n;
    return counts;
  }
}

interface IncidentRow {
  regulation_id: string;
  kind: IncidentKind;
  code: string;
  detail: Record<string, unknown>;
  attempts: number;
  opened_at: Date;
  last_seen_at: Date;
}
