/** The few facts of a regulation that access decisions need, read from the projections (never Temporal). */
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Authority, KindId } from '@app/domain';
import { EVENT_STORE_DATA_SOURCE } from '@app/event-store';
import type { RegulationAccessFacts } from './access-policy';

@Injectable()
export class RegulationAccessRepository {
  constructor(@Inject(EVENT_STORE_DATA_SOURCE) private readonly dataSource: DataSource) {}

  async facts(regulationId: string): Promise<RegulationAccessFacts | null> {
    const [row] = (await this.dataSource.query(
      `SELECT ward_code, kind, regime_id,
              state #>> '{cycle,regimeId}' AS cycle_regime_id,
              state #>> '{cycle,dossier,authority}' AS dossier_authority
         FROM regulations WHERE regulation_id = $1`,
      [regulationId],
    )) as { ward_code: string; kind: string; regime_id: string; cycle_regime_id: string | null; dossier_authority: string | null }[];
    if (!row) return null;
    return {
      wardCode: row.ward_code,
      kind: row.kind as KindId,
      regimeId: row.regime_id,
      cycleRegimeId: row.cycle_regime_id,
      dossierAuthority: row.dossier_authority as Authority | null,
    };
  }

  /** The actor of the latest `DossierSubmitted` event of the regulation (its metadata.actor), or null. */
  async dossierSubmitter(regulationId: string): Promise<string | null> {
    const [row] = (await this.dataSource.query(
      `SELECT actor_id FROM regulation_timeline
        WHERE regulation_id = $1 AND event_type = 'DossierSubmitted'
        ORDER BY stream_position DESC LIMIT 1`,
      [regulationId],
    )) as { actor_id: string }[];
    return row?.actor_id ?? null;
  }
}
