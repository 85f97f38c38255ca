import { ConfigModule } from '@nestjs/config';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { createTestDatabase, TestDatabase } from '../../../test/support/database';
import { EVENT_STORE_DATA_SOURCE } from './event-store.di-tokens';
import { EventStoreModule } from './event-store.module';
import { EventStore } from './event-store';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

describe('EventStoreModule', () => {
  it('provides the EventStore over a migrated DataSource and closes it on shutdown', async () => {
    const app = await Test.createTestingModule({ imports: [EventStoreModule.forRoot(db.url)] }).compile();
    await app.init();
    const dataSource = app.get<DataSource>(EVENT_STORE_DATA_SOURCE);
    expect(await app.get(EventStore).currentVersion('nothing')).toBe(0);
    expect(await dataSource.showMigrations()).toBe(false);

    await app.close();
    expect(dataSource.isInitialized).toBe(false);
  });

  it('reads database.url from the ConfigModule when forRoot has no url', async () => {
    const app = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [() => ({ database: { url: db.url } })] }),
        EventStoreModule.forRoot(),
      ],
    }).compile();
    await app.init();
    expect(app.get<DataSource>(EVENT_STORE_DATA_SOURCE).options).toMatchObject({ url: db.url });
    await app.close();
  });
});
