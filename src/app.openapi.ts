import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { REFRESH_COOKIE } from './sign-in/refresh-cookie';
import { PROBLEM_SCHEMA, PROBLEM_SCHEMA_NAME } from './common/openapi/problem.schema';

export function buildOpenApiDocument(app: INestApplication, publicUrl: string): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Tandem API')
    .setDescription(
      'The partnership CRM for public-library teams. Sign in with POST /api/v1/auth/login, then use ' +
        '"Authorize" with the access token. Errors are RFC 9457 problem details.',
    )
    .setVersion('1')
    .addServer(publicUrl)
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .addCookieAuth(REFRESH_COOKIE)
    .build();
  const document = SwaggerModule.createDocument(app, config);
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, [PROBLEM_SCHEMA_NAME]: PROBLEM_SCHEMA as never },
  };
  return document;
}

/** Interactive docs at /api/docs, the OpenAPI 3 JSON at /api/docs-json. */
export function setupOpenApi(app: INestApplication, publicUrl: string): void {
  SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app, publicUrl), {
    jsonDocumentUrl: 'api/docs-json',
    customSiteTitle: 'Tandem API',
    swaggerOptions: { persistAuthorization: true },
  });
}
