/** Onboarding of regulations already in force: the import template, its parser and row checks, and the import run. */
export * from './importer';
export * from './parse';
export * from './rows';
export * from './template';
