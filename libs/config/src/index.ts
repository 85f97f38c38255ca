/** Configuration namespaces shared by the api and the worker. */
export * from './database.config';
export * from './native-require';
export * from './temporal.config';
export * from './validate-env';
export * from './worker.config';
