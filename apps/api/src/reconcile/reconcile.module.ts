/** Reconciliation over HTTP: the event store's data source and the workflows' state through the Temporal client. */
import { Module } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { EVENT_STORE_DATA_SOURCE, Reconciler } from '@app/event-store';
import { regulationStateReader } from '@app/temporal';
import { TEMPORAL_CLIENT } from '../temporal/temporal.di-tokens';
import { ReconcileController } from './reconcile.controller';

@Module({
  controllers: [ReconcileController],
  providers: [
    {
      provide: Reconciler,
      inject: [EVENT_STORE_DATA_SOURCE, TEMPORAL_CLIENT],
      useFactory: (dataSource: DataSource, client: Client) => new Reconciler(dataSource, regulationStateReader(client)),
    },
  ],
})
export class ReconcileModule {}
