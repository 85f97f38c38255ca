/** Api process: the HTTP server of officers' commands and queries. */
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ApiConfig, apiConfig } from './api.config';
import { createApp } from './create-app';

async function bootstrap(): Promise<void> {
  const app = await createApp();
  const config = app.get<ApiConfig>(apiConfig.KEY);
  await app.listen(config.port, config.host);
  if (process.env.OIDC_ISSUER) {
    const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
    new Logger('WebSignIn').log(`web sign-in: http://${host}:${config.port}/auth/login (OpenID provider ${process.env.OIDC_ISSUER})`);
  }
}

bootstrap().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
