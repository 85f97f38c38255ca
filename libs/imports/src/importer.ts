/**
 * Imports a file of regulations already adopted (issue 14 point 3): every row checked (its cells, its unit on its
 * dates, the domain's rules for its facts, duplicates in the file, what the system already holds), then, on a real
 * run of a file without file-level problems, one idempotent ImportRegulation command per valid row. A row is whole
 * or absent (one command, one append), so a run stopped midway is continued by running the same file again.
 */
import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AdminUnit, AdminUnitsStore, validOn } from '@app/admin-units';
import { Actor, CommandEnvelope, decide, DomainError, ImportRegulation, initialState, refuseControlCharacters } from '@app/domain';
import { FileError, parseImportFile } from './parse';
import { columnOfField, RowCommand, rowCommand, RowError } from './rows';
import type { ColumnKey } from './template';

export type RowStatus = 'created' | 'to_create' | 'unchanged' | 'refused';

export interface RowReport {
  row: number;
  regulationId: string | null;
  status: RowStatus;
  errors: RowError[];
}

export interface ImportReport {
  importId: string;
  fileHash: string;
  format: 'csv' | 'xlsx';
  dryRun: boolean;
  total: number;
  /** created: written by this run; to_create: a dry run's rows that would be; unchanged: already imported with the same facts. */
  counts: Record<RowStatus, number>;
  fileErrors: FileError[];
  rows: RowReport[];
}

/** What the importer reads and writes: the unit table, the regulations already stored, and the command path. */
export interface ImportPorts {
  units(codes: string[]): Promise<AdminUnit[]>;
  /** For each id that exists: the facts digest it was imported with, or null when it was not created by an import. */
  existing(regulationIds: string[]): Promise<Map<string, string | null>>;
  send(regulationId: string, envelope: CommandEnvelope<ImportRegulation>): Promise<unknown>;
}

export interface ImportOptions {
  dryRun: boolean;
  actor: Actor;
  /** Called after each row is decided (dry run) or sent (real run). */
  onProgress?: (done: number, total: number) => void;
  /** Rows in flight at once on a real run. */
  concurrency?: number;
}

const DEFAULT_CONCURRENCY = 8;

/** Ports over the event store's database (the application role reads `events` and `admin_units`) and a command sender. */
export function databasePorts(dataSource: DataSource, send: ImportPorts['send']): ImportPorts {
  const store = new AdminUnitsStore(dataSource);
  return {
    units: (codes) => store.units(codes),
    async existing(regulationIds) {
      const rows: { stream_id: string; event_type: string; digest: string | null }[] = await dataSource.query(
        `SELECT stream_id, event_type, data->>'factsDigest' AS digest FROM events WHERE stream_position = 1 AND stream_id = ANY($1)`,
        [regulationIds],
      );
      return new Map(rows.map((r) => [r.stream_id, r.event_type === 'RegulationImported' ? r.digest : null]));
    },
    send,
  };
}

/** The id of an import of this file: a dry run and the real run of the same bytes share it. */
export function importIdOf(bytes: Buffer): string {
  return `imp-${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}`;
}

export async function runImport(bytes: Buffer, ports: ImportPorts, options: ImportOptions): Promise<ImportReport> {
  const fileHash = createHash('sha256').update(bytes).digest('hex');
  const importId = importIdOf(bytes);
  const parsed = await parseImportFile(bytes);
  const report: ImportReport = {
    importId,
    fileHash,
    format: parsed.format,
    dryRun: options.dryRun,
    total: parsed.rows.length,
    counts: { created: 0, to_create: 0, unchanged: 0, refused: 0 },
    fileErrors: parsed.fileErrors,
    rows: [],
  };
  if (parsed.fileErrors.length > 0) return report;

  const built = parsed.rows.map(({ row, cells }) => ({ row, result: rowCommand(cells) }));
  const commands = built.flatMap((b) => ('ok' in b.result ? [b.result.ok] : []));
  const units = new Map((await ports.units([...new Set(commands.map((c) => c.command.wardCode))])).map((u) => [u.code, u]));
  const existing = await ports.existing([...new Set(commands.map((c) => c.command.regulationId))]);
  const firstRowOf = new Map<string, number>();
  const now = new Date().toISOString();

  const pending: { report: RowReport; envelope: CommandEnvelope<ImportRegulation> }[] = [];
  for (const { row, result } of built) {
    if ('errors' in result) {
      report.rows.push({ row, regulationId: null, status: 'refused', errors: result.errors });
      continue;
    }
    const { command } = result.ok;
    const rowReport: RowReport = { row, regulationId: command.regulationId, status: 'refused', errors: [] };
    report.rows.push(rowReport);
    const first = firstRowOf.get(command.regulationId);
    if (first !== undefined) {
      rowReport.errors.push({ code: 'IMPORT.DUPLICATE_IN_FILE', column: 'title', message: `the same regulation (unit, kind, title, start date) as row ${first}` });
      continue;
    }
    firstRowOf.set(command.regulationId, row);
    if (existing.has(command.regulationId)) {
      if (existing.get(command.regulationId) === result.ok.factsDigest) rowReport.status = 'unchanged';
      else rowReport.errors.push({ code: 'IMPORT.CONFLICT', column: null, message: `${command.regulationId} is already in the system with other facts` });
      continue;
    }
    const envelope = envelopeOf(result.ok, { importId, fileHash, row }, options.actor);
    rowReport.errors.push(...unitErrors(units.get(command.wardCode), command), ...domainErrors(envelope, now));
    if (rowReport.errors.length === 0) pending.push({ report: rowReport, envelope });
  }

  let done = report.rows.length - pending.length;
  options.onProgress?.(done, report.total);
  if (options.dryRun) {
    for (const p of pending) p.report.status = 'to_create';
    options.onProgress?.(report.total, report.total);
  } else {
    const queue = [...pending];
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        await sendRow(next.report, next.envelope, ports);
        done += 1;
        options.onProgress?.(done, report.total);
      }
    };
    await Promise.all(Array.from({ length: Math.min(options.concurrency ?? DEFAULT_CONCURRENCY, queue.length) }, worker));
  }
  for (const r of report.rows) report.counts[r.status] += 1;
  return report;
}

function envelopeOf(built: RowCommand, at: { importId: string; fileHash: string; row: number }, actor: Actor): CommandEnvelope<ImportRegulation> {
  const command: ImportRegulation = {
    ...built.command,
    source: { ...at, factsDigest: built.factsDigest, ...(built.textReference !== null ? { textReference: built.textReference } : {}) },
  };
  // The command id is the regulation's and its facts': a re-run (another row number, another file) sends the same id.
  return { commandId: `import:${command.regulationId}:${built.factsDigest.slice(0, 16)}`, actor, command, reason: `Nhập từ tệp, dòng ${at.row}` };
}

/** Sends one row; a refusal by the workflow is the row's error, an unreachable server leaves the row for a re-run. */
async function sendRow(row: RowReport, envelope: CommandEnvelope<ImportRegulation>, ports: ImportPorts): Promise<void> {
  try {
    await ports.send(envelope.command.regulationId, envelope);
    row.status = 'created';
  } catch (error) {
    if (error instanceof DomainError) {
      row.errors.push({ code: error.code, column: columnOfField(error.details.field, error.code), message: error.message });
    } else {
      row.errors.push({ code: 'IMPORT.NOT_SENT', column: null, message: `not sent (${error instanceof Error ? error.message : String(error)}): run the import again to continue` });
    }
  }
}

const dateColumns: readonly ColumnKey[] = ['startedOn', 'voteHeldOn', 'dossierSubmittedOn', 'decidedOn', 'reviewedOn', 'repealedOn'];

/** The unit must be a ward or commune of the table that exists on every date of the row. */
function unitErrors(unit: AdminUnit | undefined, command: Omit<ImportRegulation, 'source'>): RowError[] {
  const code = command.wardCode;
  if (!unit) return [{ code: 'UNIT.UNKNOWN', column: 'unitCode', message: `unknown administrative unit ${code} (GET /catalogue lists the units)` }];
  if (unit.level !== 'ward' && unit.level !== 'commune') {
    return [{ code: 'UNIT.NOT_A_WARD', column: 'unitCode', message: `${code} (${unit.name}) is a ${unit.level}; regulations are made in a ward or commune` }];
  }
  const { facts } = command;
  const dates: Record<string, string | undefined> = {
    startedOn: command.startedOn,
    voteHeldOn: facts.vote?.heldOn,
    dossierSubmittedOn: facts.dossierSubmittedOn,
    decidedOn: facts.decision?.decidedOn,
    reviewedOn: facts.lastReview?.reviewedOn,
    repealedOn: facts.repeal?.repealedOn,
  };
  return dateColumns
    .filter((column) => dates[column] !== undefined && !validOn(unit, dates[column]!))
    .map((column) => ({
      code: 'UNIT.NOT_VALID_ON_DATE',
      column,
      message: `${code} (${unit.name}) exists from ${unit.validFrom}${unit.validTo ? ` to ${unit.validTo}` : ''}, not on ${dates[column]}`,
    }));
}

/** The domain's own decision on the row, as the workflow will take it: its refusal with the column it names. */
function domainErrors(envelope: CommandEnvelope<ImportRegulation>, now: string): RowError[] {
  try {
    refuseControlCharacters(envelope);
    decide(envelope, initialState(envelope.command.regulationId), now);
    return [];
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return [{ code: error.code, column: columnOfField(error.details.field, error.code), message: error.message }];
  }
}
