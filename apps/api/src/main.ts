/** Api process: the HTTP server of officers' commands and queries. */
import 'reflect-metadata';
import { ApiConfig, apiConfig } from './api.config';
import { createApp } from './create-app';

async function bootstrap(): Promise<void> {
  const app = await createApp();
  const config = app.get<ApiConfig>(apiConfig.KEY);
  await app.listen(config.port, config.host);
}

bootstrap().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
