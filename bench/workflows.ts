/** Every workflow of the benchmark's own worker: the no-op floor, and the price list's variants of it. */
export { costsWorkflow } from './costs.workflow';
export { noopWorkflow } from './noop.workflow';
