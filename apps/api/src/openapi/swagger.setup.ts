/** The OpenAPI document at /docs-json and its UI at /docs. */
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Ward regulation lifecycle API')
    .setDescription(
      [
        'Officers advance community conventions (hương ước, quy ước) and ward democracy regulations through their lifecycle.',
        'Commands (POST) answer after their events are committed; queries (GET) read PostgreSQL projections only.',
        'Every error has the shape `{ code, message, details }`; clients branch on `code`.',
        'Actor: `X-Actor-Id` and `X-Actor-Role` headers until access control lands.',
      ].join('\n\n'),
    )
    .setVersion('1')
    .build();
  return SwaggerModule.createDocument(app, config);
}

export function setupSwagger(app: INestApplication): void {
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), { jsonDocumentUrl: 'docs-json' });
}
