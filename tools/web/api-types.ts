/**
 * The web app's API types (apps/web/src/api/schema.d.ts) from the api's own OpenAPI document, built without servers:
 * the Nest application in preview mode scans modules and routes but instantiates no provider, so no database,
 * Temporal or key is needed (about 8 s). `npm run web:api` writes the file; `--check` (the gate) fails when the
 * committed file differs from what the api's DTOs produce now, naming the command that updates it.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../../apps/api/src/app.module';
import { buildOpenApiDocument } from '../../apps/api/src/openapi/swagger.setup';
import { projectRoot } from '../dev-stack/tools';

export const API_TYPES_FILE = path.join(projectRoot, 'apps', 'web', 'src', 'api', 'schema.d.ts');

export async function openApiDocument(): Promise<object> {
  const app = await NestFactory.create(AppModule, { preview: true, logger: false, abortOnError: false });
  try {
    return buildOpenApiDocument(app);
  } finally {
    await app.close();
  }
}

/** The TypeScript that openapi-typescript makes of the document. */
export async function apiTypes(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reglife-openapi-'));
  try {
    const documentFile = path.join(dir, 'openapi.json');
    const typesFile = path.join(dir, 'schema.d.ts');
    fs.writeFileSync(documentFile, JSON.stringify(await openApiDocument()));
    execFileSync(process.execPath, [path.join(projectRoot, 'node_modules', 'openapi-typescript', 'bin', 'cli.js'), documentFile, '-o', typesFile], { stdio: 'pipe' });
    return fs.readFileSync(typesFile, 'utf8');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const types = await apiTypes();
  const current = fs.existsSync(API_TYPES_FILE) ? fs.readFileSync(API_TYPES_FILE, 'utf8') : '';
  if (!check) {
    fs.writeFileSync(API_TYPES_FILE, types);
    console.log(`[web] ${path.relative(projectRoot, API_TYPES_FILE)} ${current === types ? 'unchanged' : 'written'}`);
    return;
  }
  if (current !== types) {
    console.error(`[web] ${path.relative(projectRoot, API_TYPES_FILE)} is not what the api's OpenAPI document gives now: run npm run web:api, then fix the web app's type errors`);
    process.exit(1);
  }
  console.log('[web] API types match the OpenAPI document');
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
