/** Hosts the Temporal Worker inside the Nest context: started on bootstrap, drained on shutdown. */
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import { temporalConfig, TemporalConfig, workerConfig, WorkerConfig } from '@app/config';
import { temporalConnectionOptions } from '@app/temporal';
import { RegulationActivitiesService } from './regulation.activities';
import { SummaryActivitiesService } from './reporting/summary.activities';
import { loadWorkflowBundle } from './workflow-bundle';

@Injectable()
export class TemporalWorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TemporalWorkerService.name);
  private connection?: NativeConnection;
  private worker?: Worker;
  private running?: Promise<void>;

  constructor(
    @Inject(temporalConfig.KEY) private readonly config: TemporalConfig,
    @Inject(workerConfig.KEY) private readonly workerSettings: WorkerConfig,
    private readonly activities: RegulationActivitiesService,
    private readonly summaryActivities: SummaryActivitiesService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // The prebuilt bundle (npm run build:workflows, the image's build step) when it matches the workflow
    // sources (checked in milliseconds), else a fresh one (webpack, several seconds). Logs which, with the hash.
    const bundle = await loadWorkflowBundle({
      outFile: this.config.workflowBundlePath ?? undefined,
      log: (message) => this.logger.log(message),
    });
    this.connection = await NativeConnection.connect(temporalConnectionOptions(this.config));
    this.worker = await Worker.create({
      connection: this.connection,
      namespace: this.config.namespace,
      taskQueue: this.config.taskQueue,
      activities: { ...this.activities.activities(), ...this.summaryActivities.activities() },
      workflowBundle: { code: bundle.code },
      // One V8 context shared by every cached workflow (the SDK's default in 1.24, said here because the cache size
      // below was measured with it: a context per workflow costs several times the memory, by the SDK's docs).
      reuseV8Context: true,
      maxCachedWorkflows: this.workerSettings.maxCachedWorkflows,
    });
    this.running = this.worker.run();
    this.running.catch((error: unknown) => this.logger.error(`worker stopped: ${String(error)}`));
    this.logger.log(
      `polling task queue ${this.config.taskQueue} on ${this.config.address} (sticky cache of ${this.workerSettings.maxCachedWorkflows} workflows)`,
    );
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.worker?.getState() === 'RUNNING') this.worker.shutdown();
    await this.running?.catch(() => undefined);
    await this.connection?.close();
  }
}
