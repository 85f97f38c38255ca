/** Event store library: append-only events in PostgreSQL, inline regulation projections, rebuild and as-of reads. */
export * from './approval-task.entity';
export * from './data-source';
export * from './event-store';
export * from './event-store.di-tokens';
export * from './event-store.module';
export * from './event.entity';
export { APPROVAL_TASKS_CHANNEL } from './projector';
export * from './rebuild';
export * from './reconcile';
export * from './regulation-incidents';
export * from './regulation-timeline.entity';
export * from './regulation.entity';
