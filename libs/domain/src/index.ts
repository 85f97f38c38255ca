/** Pure domain of regulation lifecycles: catalogue, legal regimes, calendar, commands, events and the decider. */
export * from './access';
export * from './calendar';
export * from './catalogue';
export * from './commands';
export * from './deadlines';
export * from './decider';
export * from './errors';
export * from './events';
export * from './evolve';
export * from './import';
export * from './labels';
export * from './preconditions';
export * from './record';
export * from './regimes';
export * from './state';
export * from './tasks';
export * from './validation';
