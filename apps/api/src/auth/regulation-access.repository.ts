/** The few facts of a regulation that the domain's access rules need, read from the projections (never Temporal). */
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AccessFacts, Authority, KindId } from '@app/domain';
import { EVENT_STORE_DATA_SOURCE } from '@app/event-store';

@Injectable()
export class RegulationAccessRepository {
  constructor(@Inject(EVENT_STORE_DATA_SOURCE) private readonly dataSource: DataSource) {}

  /**
   * The regulation's row as the projector folded it. A dossier whose event did not record its submitter (submitted
   * before it was part of the event) names it from the event's metadata.
   */
  async facts(regulationId: string): Promise<AccessFacts | null> {
    const [row] = (await this.dataSource.query(
      `SELECT r.ward_code, r.kind, r.regime_id,
              r.state #>> '{cycle,regimeId}' AS cycle_regime_id,
              r.state #>> '{cycle,dossier,authority}' AS dossier_authority,
              COALESCE(r.state #>> '{cycle,dossier,submittedBy}',
                       (SELECT t.actor_id FROM regulation_timeline t
                         WHERE t.regulation_id = r.regulation_id AND t.event_type = 'DossierSubmitted'
                         ORDER BY t.stream_position DESC LIMIT 1)) AS dossier_submitted_by
         FROM regulations r WHERE r.regulation_id = $1`,
      [regulationId],
    )) as {
      ward_code: string;
      kind: string;
      regime_id: string;
      cycle_regime_id: string | null;
      dossier_authority: string | null;
      dossier_submitted_by: string | null;
    }[];
    if (!row) return null;
    const dossier = row.dossier_authority === null ? null : { authority: row.dossier_authority as Authority, submittedBy: row.dossier_submitted_by };
    return {
      regulationId,
      wardCode: row.ward_code,
      kind: row.kind as KindId,
      regimeId: row.regime_id,
      cycle: row.cycle_regime_id === null ? null : { regimeId: row.cycle_regime_id, dossier },
    };
  }
}
