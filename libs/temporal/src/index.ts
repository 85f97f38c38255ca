/** Temporal wiring shared by apps: the connection options from the configuration, the command client and the workflows' state reader. */
export * from './regulation-command.client';
export * from './regulation-state.reader';
export * from './temporal-connection-options';
