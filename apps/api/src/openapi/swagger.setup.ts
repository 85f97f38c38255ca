/** The OpenAPI document at /docs-json and its UI at /docs, built once at start-up. */
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { BEARER_SCHEME } from '../auth/access.decorators';

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Ward regulation lifecycle API')
    .setDescription(
      [
        'Officers advance community conventions (hương ước, quy ước) and ward democracy regulations through their lifecycle.',
        'Commands (POST) answer after their events are committed; queries (GET) read PostgreSQL projections only.',
        'Every error has the shape `{ code, message, details }`; clients branch on `code`.',
        'Every route but the probes /health and /ready and the scrape /metrics takes `Authorization: Bearer <JWT>` with the claims `sub`, `role` and `wards`; the actor of every event is the token’s subject and role. 401 without a valid token, 403 outside the role’s powers or wards, 429 past the command rate.',
        'A browser signed in through `GET /auth/login` (OpenID Connect) sends the HttpOnly cookie `reglife_session` instead of a token, and `X-Requested-With: reglife-web` on every POST, PUT, PATCH or DELETE (else 403 `AUTH.CSRF`); `GET /auth/session` says who is signed in.',
      ].join('\n\n'),
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A JWT from the identity provider, or `npm run token -- --role officer --ward hang-bac`' }, BEARER_SCHEME)
    .build();
  return closeRequestBodies(SwaggerModule.createDocument(app, config));
}

/** Serves the document and returns it (the exception filter derives the 405 answers from its paths). */
export function setupSwagger(app: INestApplication): OpenAPIObject {
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return document;
}

/** The validation pipe refuses unknown body fields (400), so every request body schema says so. */
function closeRequestBodies(document: OpenAPIObject): OpenAPIObject {
  const schemas = document.components?.schemas ?? {};
  for (const pathItem of Object.values(document.paths)) {
    for (const operation of Object.values(pathItem)) {
      const ref = (operation as { requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> } })?.requestBody?.content?.['application/json']
        ?.schema?.$ref;
      const schema = ref ? schemas[ref.replace('#/components/schemas/', '')] : undefined;
      if (schema && !('$ref' in schema)) schema.additionalProperties = false;
    }
  }
  return document;
}
