/** Every workflow of the project; worker, tests and replay tests load this one entry. */
export { regulationLifecycleWorkflow } from './regulation-lifecycle.workflow';
export { summaryWorkflow } from './summary.workflow';
