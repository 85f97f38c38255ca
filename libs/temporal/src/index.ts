/** Temporal wiring shared by apps: the command client. */
export * from './regulation-command.client';
