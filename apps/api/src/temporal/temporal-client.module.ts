/** The api's only Temporal dependency: a lazily connected Client and the regulation command client over it. */
import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { temporalConfig, TemporalConfig } from '@app/config';
import { RegulationCommandClient, temporalConnectionOptions } from '@app/temporal';
import { TEMPORAL_CLIENT, TEMPORAL_CONNECTION } from './temporal.di-tokens';

@Global()
@Module({
  providers: [
    {
      provide: TEMPORAL_CONNECTION,
      inject: [temporalConfig.KEY],
      // Lazy: the api starts, serves queries and reports "not ready" while Temporal is unreachable.
      useFactory: (config: TemporalConfig) => Connection.lazy(temporalConnectionOptions(config)),
    },
    {
      provide: TEMPORAL_CLIENT,
      inject: [TEMPORAL_CONNECTION, temporalConfig.KEY],
      useFactory: (connection: Connection, config: TemporalConfig) => new Client({ connection, namespace: config.namespace }),
    },
    {
      provide: RegulationCommandClient,
      inject: [TEMPORAL_CLIENT, temporalConfig.KEY],
      useFactory: (client: Client, config: TemporalConfig) => new RegulationCommandClient(client, config.taskQueue),
    },
  ],
  exports: [TEMPORAL_CONNECTION, TEMPORAL_CLIENT, RegulationCommandClient],
})
export class TemporalClientModule implements OnApplicationShutdown {
  constructor(@Inject(TEMPORAL_CONNECTION) private readonly connection: Connection) {}

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close().catch(() => undefined);
  }
}
