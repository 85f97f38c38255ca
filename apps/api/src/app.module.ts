/** The api's root module: validated config, JSON logs with request ids, event store reads, Temporal client, access control, routes. */
import { randomUUID } from 'node:crypto';
import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { databaseConfig, temporalConfig } from '@app/config';
import { EventStoreModule } from '@app/event-store';
import { apiConfig, ApiConfig, validateApiEnv } from './api.config';
import { authConfig } from './auth/auth.config';
import { webAuthConfig } from './auth/web-auth.config';
import { AuthModule } from './auth/auth.module';
import { CatalogueModule } from './catalogue/catalogue.module';
import { CommandsModule } from './commands/commands.module';
import { HealthModule } from './health/health.module';
import { InboxModule } from './inbox/inbox.module';
import { JsonBodyMiddleware } from './http/json-body.middleware';
import { ImportsModule } from './imports/imports.module';
import { MetricsModule } from './metrics/metrics.module';
import { QueriesModule } from './queries/queries.module';
import { ReconcileModule } from './reconcile/reconcile.module';
import { ReportsModule } from './reports/reports.module';
import { TemporalClientModule } from './temporal/temporal-client.module';
import { AdminUnitsModule } from './units/admin-units.module';

const REQUEST_ID = /^[\w.:-]{1,100}$/;

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [apiConfig, authConfig, webAuthConfig, temporalConfig, databaseConfig], validate: validateApiEnv }),
    LoggerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService) => ({
        pinoHttp: {
          level: config.getOrThrow<ApiConfig>('api').logLevel,
          // The caller's X-Request-Id when it is sane, else a new one; echoed back and used as correlation id.
          genReqId: (req: IncomingMessage, res: ServerResponse) => {
            const given = req.headers['x-request-id'];
            const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
            res.setHeader('X-Request-Id', id);
            return id;
          },
          // Probes and scrapes every few seconds: not logged (a readiness failure is logged once, by the probe).
          autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health' || req.url === '/ready' || req.url === '/metrics' },
          redact: ['req.headers.authorization', 'req.headers.cookie'],
        },
      }),
    }),
    MetricsModule,
    // Global: the queries and the readiness probe share its one DataSource.
    { ...EventStoreModule.forRoot(), global: true },
    TemporalClientModule,
    AdminUnitsModule,
    AuthModule,
    QueriesModule,
    CommandsModule,
    CatalogueModule,
    HealthModule,
    ReportsModule,
    InboxModule,
    ReconcileModule,
    ImportsModule,
  ],
})
export class AppModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // The import upload is multipart (its file is read by the upload's own limits), every other body JSON; another
    // method on /imports is answered 405 by the route table whatever its body.
    consumer.apply(JsonBodyMiddleware).exclude({ path: 'imports', method: RequestMethod.ALL }).forRoutes({ path: '*path', method: RequestMethod.ALL });
  }
}
