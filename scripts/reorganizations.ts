/**
 * Applies the administrative units table to the regulations (issue 14, reorganization): every regulation still under
 * way or in force in a unit that has ended moves, by a `TransferUnit` command through its workflow, along the
 * successions that take the unit's regulations (libs/admin-units `regulationsHolderOn`), each step dated on its
 * reorganization's effective day with its legal basis. Command ids name the regulation and the successor, so a
 * re-run, or a run cut short and started again, transfers nothing twice. Regulations already ended stay in their unit.
 */
import { Client } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import { AdminUnitsStore, regulationsHolderOn } from '@app/admin-units';
import type { CivilDate } from '@app/domain';
import { RegulationCommandClient } from '@app/temporal';

export interface ReorganizationOptions {
  client: Client;
  taskQueue: string;
  databaseUrl: string;
  /** The day the table is applied on: units ended before it are dissolved. */
  today: CivilDate;
  log: (line: string) => void;
}

export interface ReorganizationOutcome {
  /** Regulations found in an ended unit. */
  found: number;
  /** Transfers appended (a regulation moved through two reorganizations counts twice). */
  transfers: number;
  /** Regulations whose unit ended without a successor taking its regulations: left where they are, listed. */
  orphaned: string[];
}

export async function applyReorganizations(options: ReorganizationOptions): Promise<ReorganizationOutcome> {
  const pg = new PgClient({ connectionString: options.databaseUrl });
  await pg.connect();
  try {
    const list = await new AdminUnitsStore({ query: async (sql, parameters) => (await pg.query(sql, parameters)).rows }).list();
    const { rows } = await pg.query<{ regulation_id: string; ward_code: string }>(
      `SELECT r.regulation_id, r.ward_code FROM regulations r JOIN admin_units u ON u.code = r.ward_code
       WHERE u.valid_to < $1 AND r.status IN ('developing', 'in_force', 'suspended') ORDER BY r.regulation_id`,
      [options.today],
    );
    const commands = new RegulationCommandClient(options.client, options.taskQueue);
    const reorganizations = new Map(list.reorganizations.map((r) => [r.id, r]));
    const outcome: ReorganizationOutcome = { found: rows.length, transfers: 0, orphaned: [] };
    for (const { regulation_id: id, ward_code: ward } of rows) {
      const holder = regulationsHolderOn(list, ward, options.today);
      if (!holder) {
        outcome.orphaned.push(id);
        continue;
      }
      for (const step of holder.via) {
        const basis = reorganizations.get(step.reorganization)!;
        await commands.execute(id, {
          commandId: `transfer:${id}:${step.from}:${step.to}`,
          actor: { id: 'system', role: 'system', wards: [step.from] },
          command: {
            type: 'TransferUnit',
            toWardCode: step.to,
            effectiveOn: basis.effectiveOn,
            legalBasis: step.clause ? `${basis.basis}, ${step.clause}` : basis.basis,
          },
        });
        outcome.transfers += 1;
      }
    }
    options.log(`reorganizations: ${outcome.found} regulations in ended units, ${outcome.transfers} transfers, ${outcome.orphaned.length} without successor`);
    return outcome;
  } finally {
    await pg.end();
  }
}
