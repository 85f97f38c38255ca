/** Every workflow of the benchmark's own worker: the no-op floor. */
export { noopWorkflow } from './noop.workflow';
