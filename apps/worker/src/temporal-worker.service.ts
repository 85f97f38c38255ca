/** Hosts the Temporal Worker inside the Nest context: started on bootstrap, drained on shutdown. */
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import { temporalConfig, TemporalConfig } from '@app/config';
import { RegulationActivitiesService } from './regulation.activities';
import { SummaryActivitiesService } from './reporting/summary.activities';

@Injectable()
export class TemporalWorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TemporalWorkerService.name);
  private connection?: NativeConnection;
  private worker?: Worker;
  private running?: Promise<void>;

  constructor(
    @Inject(temporalConfig.KEY) private readonly config: TemporalConfig,
    private readonly activities: RegulationActivitiesService,
    private readonly summaryActivities: SummaryActivitiesService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.connection = await NativeConnection.connect({ address: this.config.address });
    this.worker = await Worker.create({
      connection: this.connection,
      namespace: this.config.namespace,
      taskQueue: this.config.taskQueue,
      activities: { ...this.activities.activities(), ...this.summaryActivities.activities() },
      ...(this.config.workflowBundlePath
        ? { workflowBundle: { codePath: this.config.workflowBundlePath } }
        : { workflowsPath: require.resolve('../../../workflows') }),
    });
    this.running = this.worker.run();
    this.running.catch((error: unknown) => this.logger.error(`worker stopped: ${String(error)}`));
    this.logger.log(`polling task queue ${this.config.taskQueue} on ${this.config.address}`);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.worker?.getState() === 'RUNNING') this.worker.shutdown();
    await this.running?.catch(() => undefined);
    await this.connection?.close();
  }
}
