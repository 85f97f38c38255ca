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
import { webAppMiddleware } from './web/web-app.middleware';

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
  const routes = new RouteTable(document);
  // Before the api's routes (Nest registers them in init()): the web app's assets and pages, never an API path.
  app.use(webAppMiddleware(routes));
  app.useGlobalFilters(new ApiExceptionFilter(app.get(ApiMetrics), app.get(AuditLog), routes));
  app.enableShutdownHooks();
  await app.init();
  return app;
}
