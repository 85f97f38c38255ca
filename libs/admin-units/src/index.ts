/** Administrative units as data: the unit list format and its rules, the PostgreSQL store and its import. */
export * from './admin-units.store';
export * from './seed';
export * from './unit-list';
