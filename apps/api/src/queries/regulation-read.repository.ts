/** Reads of the regulation projections and, for as-of views, of the event log. Never touches Temporal. */
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, LessThanOrEqual } from 'typeorm';
import {
  CommandType,
  emptyRecord,
  evolve,
  initialState,
  RegulationEvent,
  RegulationRecord,
  recordEvent,
  RegulationState,
  StoredEvent,
} from '@app/domain';
import { EVENT_STORE_DATA_SOURCE, EventStore, RegulationEntity, RegulationTimelineEntity } from '@app/event-store';
import type { TimelineEntry } from './regulation-view.mapper';

export interface RegulationFilter {
  ward?: string;
  /** Only these wards (the caller's scope); absent: every ward. */
  wards?: readonly string[];
  kind?: string;
  stages?: string[];
  q?: string;
  dueBefore?: string;
  after?: PageKey;
  limit: number;
}

/** Position of a row in the list order (newest first). */
export interface PageKey {
  createdAt: string;
  regulationId: string;
}

/** A regulation as the detail views show it: its state, its written record and its timeline. */
export interface RegulationView {
  state: RegulationState;
  record: RegulationRecord;
  entries: TimelineEntry[];
}

/** Case- and diacritics-insensitive form of a text, the same in SQL and in TypeScript. */
const foldSql = (column: string) =>
  `lower(translate(regexp_replace(normalize(${column}, NFD), '[\\u0300-\\u036f]', '', 'g'), 'đĐ', 'dD'))`;

export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, (c) => (c === 'đ' ? 'd' : 'D'))
    .toLowerCase();
}

const summaryColumns: (keyof RegulationEntity)[] = [
  'regulationId',
  'wardCode',
  'kind',
  'title',
  'stage',
  'status',
  'regimeId',
  'version',
  'startedOn',
  'inForceFrom',
  'nextReviewDueOn',
  'dueStep',
  'dueOn',
  'amendmentStage',
  'allowedActions',
  'createdAt',
  'updatedAt',
];

@Injectable()
export class RegulationReadRepository {
  constructor(
    @Inject(EVENT_STORE_DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly store: EventStore,
  ) {}

  async list(filter: RegulationFilter): Promise<{ rows: RegulationEntity[]; next: PageKey | null }> {
    const query = this.dataSource
      .getRepository(RegulationEntity)
      .createQueryBuilder('r')
      .select(summaryColumns.map((column) => `r.${column}`));
    if (filter.ward) query.andWhere('r.ward_code = :ward', { ward: filter.ward });
    if (filter.wards) query.andWhere('r.ward_code IN (:...wards)', { wards: filter.wards.length > 0 ? filter.wards : [''] });
    if (filter.kind) query.andWhere('r.kind = :kind', { kind: filter.kind });
    if (filter.stages?.length) query.andWhere('r.stage IN (:...stages)', { stages: filter.stages });
    if (filter.q) {
      query.andWhere(`${foldSql('r.title')} LIKE :q ESCAPE '\\'`, { q: `%${escapeLike(foldText(filter.q))}%` });
    }
    if (filter.dueBefore) query.andWhere('r.due_on < :dueBefore', { dueBefore: filter.dueBefore });
    if (filter.after) {
      query.andWhere('(r.created_at, r.regulation_id) < (:afterCreatedAt, :afterId)', {
        afterCreatedAt: new Date(filter.after.createdAt),
        afterId: filter.after.regulationId,
      });
    }
    const rows = await query
      .orderBy('r.created_at', 'DESC')
      .addOrderBy('r.regulation_id', 'DESC')
      .limit(filter.limit + 1)
      .getMany();
    const page = rows.slice(0, filter.limit);
    const last = page[page.length - 1];
    const next = rows.length > filter.limit && last ? { createdAt: last.createdAt.toISOString(), regulationId: last.regulationId } : null;
    return { rows: page, next };
  }

  async current(regulationId: string): Promise<RegulationView | null> {
    const row = await this.dataSource.getRepository(RegulationEntity).findOne({ where: { regulationId }, select: ['state', 'record'] });
    if (!row) return null;
    // Bounded by the state's version: an append committing between the two reads must not show half.
    const timeline = await this.dataSource.getRepository(RegulationTimelineEntity).find({
      where: { regulationId, streamPosition: LessThanOrEqual(row.state.version) },
      order: { streamPosition: 'ASC' },
    });
    return { state: row.state, record: row.record, entries: timeline.map(fromTimelineRow) };
  }

  /**
   * The regulation as the events that occurred by `at` make it (a civil date means the end of that day in Vietnam),
   * folded by the domain's own folds, as the projector folds them.
   */
  async asOf(regulationId: string, at: string): Promise<RegulationView | null> {
    const events = await this.store.readStream(regulationId, { asOf: at });
    if (events.length === 0) return null;
    const entries = events.map(fromStoredEvent);
    return entries.reduce<RegulationView>(
      (view, entry) => ({
        state: evolve(view.state, entry.event),
        record: recordEvent(view.record, entry.event, entry),
        entries: view.entries,
      }),
      { state: initialState(regulationId), record: emptyRecord(), entries },
    );
  }

  async stageOf(regulationId: string): Promise<{ stage: string; allowedActions: CommandType[] } | null> {
    return this.dataSource
      .getRepository(RegulationEntity)
      .findOne({ where: { regulationId }, select: ['stage', 'allowedActions'] });
  }

  /** The command id that drafted the regulation, or null when it does not exist. */
  async creatingCommandId(regulationId: string): Promise<string | null> {
    const first = await this.dataSource
      .getRepository(RegulationTimelineEntity)
      .findOne({ where: { regulationId, streamPosition: 1 }, select: ['commandId'] });
    return first?.commandId ?? null;
  }
}

function fromTimelineRow(row: RegulationTimelineEntity): TimelineEntry {
  return {
    streamPosition: row.streamPosition,
    event: { type: row.eventType, data: row.data } as RegulationEvent,
    occurredAt: row.occurredAt.toISOString(),
    actor: { id: row.actorId, role: row.actorRole },
    reason: row.reason,
    legalBasis: row.legalBasis,
    commandId: row.commandId,
  };
}

function fromStoredEvent(event: StoredEvent): TimelineEntry {
  return {
    streamPosition: event.streamPosition,
    event: { type: event.type, data: event.data } as RegulationEvent,
    occurredAt: event.metadata.occurredAt,
    actor: event.metadata.actor,
    reason: event.metadata.reason,
    legalBasis: event.metadata.legalBasis,
    commandId: event.metadata.commandId,
  };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
