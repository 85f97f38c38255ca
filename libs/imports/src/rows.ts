/** One template row → the ImportRegulation command it stands for, or the coded problems of its cells. */
import { createHash } from 'node:crypto';
import { ImportedFacts, ImportRegulation, isCivilDate, KindId, RepealGround, repealGrounds, ReviewOutcome } from '@app/domain';
import type { RowCells } from './parse';
import type { ColumnKey } from './template';

export type CellErrorCode = 'IMPORT.CELL_REQUIRED' | 'IMPORT.CELL_INVALID';

/** A problem of a row, at a column when one cell is at fault. Codes: the cell's own, the units', the domain's. */
export interface RowError {
  code: string;
  column: ColumnKey | null;
  message: string;
}

/** The row's command without its source: the facts, and the ids derived from them. */
export interface RowCommand {
  command: Omit<ImportRegulation, 'source'>;
  textReference: string | null;
  factsDigest: string;
}

const kindNames: Record<string, KindId> = {
  community_convention: 'community_convention',
  'hương ước, quy ước': 'community_convention',
  'hương ước': 'community_convention',
  'quy ước': 'community_convention',
  democracy_regulation: 'democracy_regulation',
  'quy chế dân chủ ở cơ sở': 'democracy_regulation',
  'quy chế dân chủ': 'democracy_regulation',
  agency_democracy_regulation: 'agency_democracy_regulation',
  'quy chế thực hiện dân chủ ở cơ quan, đơn vị': 'agency_democracy_regulation',
  enterprise_democracy_regulation: 'enterprise_democracy_regulation',
  'quy chế dân chủ ở cơ sở tại nơi làm việc': 'enterprise_democracy_regulation',
};
const outcomeNames: Record<string, ReviewOutcome> = { keep: 'keep', 'giữ nguyên': 'keep', amend: 'amend', 'sửa đổi': 'amend', 'sửa đổi, bổ sung': 'amend' };

/**
 * The regulation's id from its import key (unit, kind, title, start date): the same regulation in any file, any
 * run, has the same id, which makes the import idempotent and resumable.
 */
export function importRegulationId(unitCode: string, kind: string, title: string, startedOn: string): string {
  const key = createHash('sha256').update(JSON.stringify([unitCode, kind, title.normalize('NFC'), startedOn])).digest('hex');
  return `imp-${unitCode.slice(0, 60)}-${key.slice(0, 16)}`;
}

export function rowCommand(cells: RowCells): { ok: RowCommand } | { errors: RowError[] } {
  const errors: RowError[] = [];
  const required = (column: ColumnKey): string => {
    if (cells[column] === '') errors.push({ code: 'IMPORT.CELL_REQUIRED', column, message: `${column} is required` });
    return cells[column];
  };
  const invalid = (column: ColumnKey, problem: string) => errors.push({ code: 'IMPORT.CELL_INVALID', column, message: `${column}: ${problem}` });
  const date = (column: ColumnKey): string | undefined => {
    const raw = cells[column];
    if (raw === '') return undefined;
    const dmy = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(raw);
    const iso = dmy ? `${dmy[3]}-${dmy[2].padStart(2, '0')}-${dmy[1].padStart(2, '0')}` : raw;
    if (!isCivilDate(iso)) {
      invalid(column, `"${raw.slice(0, 40)}" is not a date (YYYY-MM-DD or DD/MM/YYYY)`);
      return undefined;
    }
    return iso;
  };
  const count = (column: ColumnKey): number | undefined => {
    const raw = cells[column];
    if (raw === '') return undefined;
    if (!/^\d{1,9}$/.test(raw)) {
      invalid(column, `"${raw.slice(0, 40)}" is not a whole number`);
      return undefined;
    }
    return Number(raw);
  };
  const oneOf = <T extends string>(column: ColumnKey, names: Record<string, T>): T | undefined => {
    const raw = cells[column];
    if (raw === '') return undefined;
    const value = names[raw.toLowerCase()];
    if (value === undefined) invalid(column, `"${raw.slice(0, 40)}" must be one of ${[...new Set(Object.values(names))].join(', ')}`);
    return value;
  };

  const unitCode = required('unitCode');
  const kind = cells.kind === '' ? (required('kind') as KindId) : oneOf('kind', kindNames);
  const title = required('title');
  const startedOn = cells.startedOn === '' ? required('startedOn') : date('startedOn');
  const { text, textReference } = cells;
  if (text === '' && textReference === '') {
    errors.push({ code: 'IMPORT.CELL_REQUIRED', column: 'text', message: 'text or textReference is required' });
  }
  const facts: ImportedFacts = {};

  const voteHeldOn = date('voteHeldOn');
  const tally = { totalHouseholds: count('totalHouseholds'), present: count('present'), approving: count('approving') };
  const tallyGiven = Object.values(tally).some((v) => v !== undefined) || cells.voteHeldOn !== '';
  if (tallyGiven) {
    for (const column of ['voteHeldOn', 'totalHouseholds', 'present', 'approving'] as const) required(column);
    if (voteHeldOn && tally.totalHouseholds !== undefined && tally.present !== undefined && tally.approving !== undefined) {
      facts.vote = { heldOn: voteHeldOn, totalHouseholds: tally.totalHouseholds, present: tally.present, approving: tally.approving };
    }
  }
  const dossierSubmittedOn = date('dossierSubmittedOn');
  if (dossierSubmittedOn) facts.dossierSubmittedOn = dossierSubmittedOn;

  if (cells.decisionNo !== '' || cells.decidedOn !== '') {
    const decidedOn = cells.decidedOn === '' ? required('decidedOn') : date('decidedOn');
    const decisionNo = required('decisionNo');
    if (decidedOn && decisionNo) facts.decision = { decisionNo, decidedOn };
  }
  if (cells.reviewedOn !== '' || cells.reviewOutcome !== '') {
    const reviewedOn = cells.reviewedOn === '' ? required('reviewedOn') : date('reviewedOn');
    const outcome = cells.reviewOutcome === '' ? (required('reviewOutcome') as ReviewOutcome) : oneOf('reviewOutcome', outcomeNames);
    if (reviewedOn && outcome) facts.lastReview = { reviewedOn, outcome, notes: cells.reviewNotes || 'Đánh giá hằng năm (nhập từ hồ sơ)' };
  }
  if (cells.repealedOn !== '' || cells.repealDecisionNo !== '' || cells.repealGround !== '') {
    const repealedOn = cells.repealedOn === '' ? required('repealedOn') : date('repealedOn');
    const decisionNo = required('repealDecisionNo');
    const ground = oneOf('repealGround', Object.fromEntries(repealGrounds.map((g) => [g, g])) as Record<string, RepealGround>);
    if (repealedOn && decisionNo) {
      facts.repeal = { repealedOn, decisionNo, reason: `Bãi bỏ theo quyết định ${decisionNo} (nhập từ hồ sơ)`, ...(ground ? { ground } : {}) };
    }
  }
  if (errors.length > 0 || !kind || !startedOn) return { errors };

  const command: Omit<ImportRegulation, 'source'> = {
    type: 'ImportRegulation',
    regulationId: importRegulationId(unitCode, kind, title, startedOn),
    wardCode: unitCode,
    kind,
    title,
    // A row that gives only a reference records it as the text, and the reference in RegulationImported.
    text: text !== '' ? text : `Văn bản lưu tại: ${textReference}`,
    ...(cells.residentialGroup !== '' ? { residentialGroup: cells.residentialGroup } : {}),
    startedOn,
    facts,
  };
  const factsDigest = createHash('sha256').update(JSON.stringify([command, textReference])).digest('hex');
  return { ok: { command, textReference: textReference === '' ? null : textReference, factsDigest } };
}

/** The template column a domain refusal is about, from the field it names (`vote.present`) or its code. */
export function columnOfField(field: unknown, code: string): ColumnKey | null {
  const byField: Record<string, ColumnKey> = {
    regulationId: 'title',
    wardCode: 'unitCode',
    kind: 'kind',
    title: 'title',
    text: 'text',
    residentialGroup: 'residentialGroup',
    startedOn: 'startedOn',
    vote: 'voteHeldOn',
    'vote.heldOn': 'voteHeldOn',
    'vote.totalHouseholds': 'totalHouseholds',
    'vote.present': 'present',
    'vote.approving': 'approving',
    dossierSubmittedOn: 'dossierSubmittedOn',
    'dossier.submittedOn': 'dossierSubmittedOn',
    decision: 'decidedOn',
    'decision.decidedOn': 'decidedOn',
    'decision.decisionNo': 'decisionNo',
    lastReview: 'reviewedOn',
    'lastReview.reviewedOn': 'reviewedOn',
    'lastReview.notes': 'reviewNotes',
    outcome: 'reviewOutcome',
    repeal: 'repealedOn',
    'repeal.repealedOn': 'repealedOn',
    'repeal.decisionNo': 'repealDecisionNo',
    'repeal.ground': 'repealGround',
    'source.textReference': 'textReference',
  };
  const byCode: Record<string, ColumnKey> = {
    'VOTE.TALLY_INCONSISTENT': 'present',
    'DECISION.DATE_BEFORE_SUBMISSION': 'decidedOn',
    'REPEAL.GROUND_NOT_ALLOWED': 'repealGround',
    'REGIME.NOT_IN_FORCE': 'startedOn',
  };
  return (typeof field === 'string' ? byField[field] : undefined) ?? byCode[code] ?? null;
}
