/** Temporal wiring shared by apps: the connection options from the configuration, and the command client. */
export * from './regulation-command.client';
export * from './temporal-connection-options';
