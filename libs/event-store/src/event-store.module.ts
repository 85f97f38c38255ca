/** Nest module of the event store: one migrated DataSource, closed on shutdown, and the EventStore over it. */
import { DynamicModule, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { createEventStoreDataSource } from './data-source';
import { EVENT_STORE_DATA_SOURCE } from './event-store.di-tokens';
import { EventStore } from './event-store';
import { RegulationIncidents } from './regulation-incidents';

@Module({})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE_DATA_SOURCE) private readonly dataSource: DataSource) {}

  /** Connects to `url`, or to the `database.url` setting of the ConfigModule when no url is given. */
  static forRoot(url?: string): DynamicModule {
    return {
      module: EventStoreModule,
      providers: [
        {
          provide: EVENT_STORE_DATA_SOURCE,
          inject: [{ token: ConfigService, optional: true }],
          useFactory: (config?: ConfigService) => {
            const resolved = url ?? config?.get<string>('database.url');
            if (!resolved) throw new Error('EventStoreModule: pass a url to forRoot or load the database config');
            return createEventStoreDataSource(resolved);
          },
        },
        {
          provide: EventStore,
          inject: [EVENT_STORE_DATA_SOURCE],
          useFactory: (dataSource: DataSource) => new EventStore(dataSource),
        },
        {
          provide: RegulationIncidents,
          inject: [EVENT_STORE_DATA_SOURCE],
          useFactory: (dataSource: DataSource) => new RegulationIncidents(dataSource),
        },
      ],
      exports: [EventStore, RegulationIncidents, EVENT_STORE_DATA_SOURCE],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
