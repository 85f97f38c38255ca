/** Builds the configured api application: the one factory used by main.ts and by the e2e tests. */
import type { NestExpressApplication } from '@nestjs/platform-express';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { AuditLog } from './auth/audit-log';
import { ApiExceptionFilter } from './errors/api-exception.filter';
import { ApiValidationPipe } from './http/api-validation.pipe';
import { RouteTable } from './http/route-table';
import { ApiMetrics } from './metrics/api-metrics.service';
import { setupSwagger } from './openapi/swagger.setup';

export async function createApp(): Promise<NestExpressApplication> {
  // The JSON body parser is JsonBodyMiddleware: strict UTF-8, size limit, errors in the api's shape.
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    bodyParser: false,
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.set('etag', 'strong');
  app.set('x-powered-by', false);
  app.useGlobalPipes(new ApiValidationPipe());
  const document = setupSwagger(app);
  app.useGlobalFilters(new ApiExceptionFilter(app.get(ApiMetrics), app.get(AuditLog), new RouteTable(document)));
  app.enableShutdownHooks();
  await app.init();
  return app;
}
