/**
 * npm run reconcile [-- --regulation ID] [--repair]: compares every regulation's log, projections and workflow
 * (DATABASE_URL, TEMPORAL_* as the api), prints the differences, repairs with --repair what the log makes certain,
 * and exits 1 while a difference remains (2 on bad arguments).
 */
import 'reflect-metadata';
import { Client, Connection } from '@temporalio/client';
import { databaseConfig, temporalConfig } from '@app/config';
import { DomainError } from '@app/domain';
import { createEventStoreDataSource, Difference, Reconciler } from '@app/event-store';
import { regulationStateReader, temporalConnectionOptions } from '@app/temporal';

interface Options {
  regulationId?: string;
  repair: boolean;
}

class UsageError extends Error {}

const PAGE_SIZE = 500;

function parse(args: string[]): Options {
  const options: Options = { repair: false };
  for (let i = 0; i < args.length; i += 1) {
    if (args[i] === '--repair') options.repair = true;
    else if (args[i] === '--regulation' && args[i + 1] && !args[i + 1].startsWith('--')) options.regulationId = args[(i += 1)];
    else throw new UsageError(`unknown or incomplete argument ${args[i]}: use [--regulation ID] [--repair]`);
  }
  return options;
}

const line = (d: Difference) =>
  `${d.code}\t${d.streamId}\t${d.position === null ? '-' : `position ${d.position}`}\t${d.remedy}\t${JSON.stringify(d.detail)}\n`;

async function main(): Promise<number> {
  let options: Options;
  try {
    options = parse(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`RECONCILE.INVALID_ARGUMENT: ${(error as Error).message}\n`);
    return 2;
  }
  const temporal = temporalConfig();
  const connection = await Connection.connect(temporalConnectionOptions(temporal));
  const dataSource = await createEventStoreDataSource(databaseConfig().url);
  try {
    const reconciler = new Reconciler(dataSource, regulationStateReader(new Client({ connection, namespace: temporal.namespace })));
    const total = { checked: 0, repaired: 0, remaining: 0 };
    // Page by page, so that memory stays bounded however many regulations there are.
    for (let after: string | undefined; ; ) {
      const report = await reconciler.run({ ...options, after, limit: options.regulationId ? undefined : PAGE_SIZE });
      for (const d of report.repaired) process.stdout.write(`repaired\t${line(d)}`);
      for (const d of report.differences) process.stdout.write(line(d));
      total.checked += report.checked;
      total.repaired += report.repaired.length;
      total.remaining += report.differences.length;
      if (report.next === null) break;
      after = report.next;
    }
    process.stdout.write(`${total.checked} regulations checked, ${total.repaired} differences repaired, ${total.remaining} remain\n`);
    return total.remaining === 0 ? 0 : 1;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    process.stderr.write(`${error.code}: ${error.message}\n`);
    return 2;
  } finally {
    await dataSource.destroy();
    await connection.close();
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
