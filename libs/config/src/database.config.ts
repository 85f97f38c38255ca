/** PostgreSQL settings, read from the environment once. */
import { registerAs } from '@nestjs/config';

export interface DatabaseConfig {
  url: string;
}

export const databaseConfig = registerAs(
  'database',
  (): DatabaseConfig => ({
    url: process.env.DATABASE_URL ?? 'postgres://reglife_app:reglife_app@127.0.0.1:5433/reglife',
  }),
);
