/** Reporting: 6-month and annual summaries from the event log, their storage, exports and schedules. */
export * from './canonical-json';
export * from './reporting.errors';
export * from './summary-content';
export * from './summary-report.service';
export * from './reporting.config';
export * from './summary-schedules';
export * from './reporting.module';
export * from './summary-exports';
export * from './summary-periods';
export * from './restated-summary.service';
