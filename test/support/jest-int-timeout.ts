/**
 * setupFilesAfterEnv of the integration and e2e projects: real servers need more than jest's 5 s default, and the
 * Temporal runtime logs at WARN (its INFO lines, one per worker state change, would drown the test report).
 */
import { DefaultLogger, Runtime } from '@temporalio/worker';

jest.setTimeout(60_000);
Runtime.install({ logger: new DefaultLogger('WARN') });
