import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, OperationObject, ParameterObject, PathItemObject, SwaggerModule } from '@nestjs/swagger';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Logger } from 'nestjs-pino';
import { Logger as NestLogger } from '@nestjs/common';
import { AppModule } from './app.module';
import { sendProblem } from './common/errors/problem-details.filter';
import { logRequests, requestIdFor } from './common/http/logging';
import { addSecurityHeaders } from './common/http/security-headers';
import { createValidationPipe } from './common/http/validation';
import { DEFAULT_MULTIPART_LIMITS, readMultipartForm } from './registry/multipart-form';
import { SCAN_ROUTE_DOCS } from './trace/scan-routes';
import { Environment, ProcessRole } from './config/environment';
import { serveWebApp, WEB_APP_DIR } from './web-app/serve-web-app';
import { PHOTO_MAX_BYTES } from './batches/photos.service';

const frameworkLogger = new NestLogger('Errors');

/** Builds the HTTP application (api or all role) exactly as main.ts serves it; e2e tests use the same function. */
export async function createHttpApp(env: Environment, role: ProcessRole = env.ROLE): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: env.BODY_LIMIT_BYTES,
    trustProxy: env.TRUST_PROXY === 'true' ? true : env.TRUST_PROXY === 'false' ? false : env.TRUST_PROXY.split(','),
    genReqId: requestIdFor,
    requestIdHeader: false,
    routerOptions: { maxParamLength: 200, ignoreTrailingSlash: true },
    // Malformed URLs and over-long path parameters are refused by the router before Nest sees the request.
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) => sendProblem(reply, request, error, frameworkLogger),
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRole(env, role), adapter, {
    bufferLogs: true,
    abortOnError: false,
  });
  try {
    app.useLogger(app.get(Logger));
    app.useGlobalPipes(createValidationPipe());
    app.enableShutdownHooks();
    configureFastify(app.getHttpAdapter().getInstance(), env);
    setUpOpenApi(app, env);
    await app.init();
    return app;
  } catch (error) {
    // Release what the partial start opened (database pool, Redis connections) before reporting.
    await app.close().catch(() => undefined);
    throw error;
  }
}

function configureFastify(fastify: FastifyInstance, env: Environment): void {
  addSecurityHeaders(fastify, new Set(Object.keys(SCAN_ROUTE_DOCS).map((path) => path.replace(/\{(\w+)\}/g, ':$1'))));
  logRequests(fastify, env);
  // CSV imports may be large; every other body is JSON under BODY_LIMIT_BYTES. They stay bytes here:
  // a spreadsheet may have saved them in UTF-16 or Windows-1258, which the importer detects.
  fastify.addContentTypeParser(
    ['text/csv', 'application/csv'],
    { parseAs: 'buffer', bodyLimit: env.IMPORT_LIMIT_BYTES },
    (_req, body, done) => done(null, body),
  );
  // A photo from the farmer's phone (already shrunk there): the image itself is the body (src/batches/photos.service.ts).
  fastify.addContentTypeParser(
    ['image/jpeg', 'image/webp', 'image/png'],
    { parseAs: 'buffer', bodyLimit: PHOTO_MAX_BYTES },
    (_req, body, done) => done(null, body),
  );
  // The same import as a browser uploads it: one file part, read as it streams in (src/registry/multipart-form.ts).
  fastify.addContentTypeParser('multipart/form-data', (request, payload, done) => {
    readMultipartForm(payload, request.headers['content-type'], { ...DEFAULT_MULTIPART_LIMITS, fileBytes: env.IMPORT_LIMIT_BYTES }).then(
      (form) => done(null, form),
      (error: Error) => done(error),
    );
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    done();
  });
  if (!serveWebApp(fastify)) new NestLogger('WebApp').warn(`The farm app is not built (${WEB_APP_DIR}): run "npm run build:web"`);
}

function setUpOpenApi(app: NestFastifyApplication, env: Environment): void {
  const config = new DocumentBuilder()
    .setTitle('nongsan-trace')
    .setDescription('Truy xuất nguồn gốc nông sản: registry, QR labels, consumer scan, marketplace sync and the province indicators.')
    .setVersion('1')
    .addServer(env.PUBLIC_BASE_URL)
    .addBearerAuth()
    .build();
  SwaggerModule.setup('docs', app, () => withScanRoutes(SwaggerModule.createDocument(app, config)), { jsonDocumentUrl: 'docs-json' });
}

/** A string path parameter of a route documented by hand. */
const pathParameter = (name: string, description?: string): ParameterObject => ({
  name,
  in: 'path',
  required: true,
  ...(description && { description }),
  schema: { type: 'string' },
});

/** An optional string query parameter of a route documented by hand. */
const queryParameter = (name: string, options: { description?: string; values?: string[] } = {}): ParameterObject => ({
  name,
  in: 'query',
  required: false,
  ...(options.description && { description: options.description }),
  schema: { type: 'string', ...(options.values && { enum: options.values }) },
});

/** A public GET route of the resolver, which is mounted on Fastify directly. */
const publicGet = (operation: Pick<OperationObject, 'operationId' | 'summary' | 'parameters' | 'responses'>): PathItemObject => ({
  get: { tags: ['public'], ...operation },
});

/** Routes mounted on Fastify directly (the label resolver, the marketplace webhooks) are invisible to Nest's scanner. */
function withScanRoutes(document: OpenAPIObject): OpenAPIObject {
  for (const [path, names] of Object.entries(SCAN_ROUTE_DOCS)) {
    document.paths[path] = publicGet({
      operationId: `Scan_${names.length === 1 ? 'short' : 'digitalLink'}`,
      summary:
        names.length === 1
          ? 'Resolve a label of a product without GTIN (short form); HTML or JSON; counts one scan'
          : 'Resolve a label (GS1 Digital Link): verdict, origin, certificates and history; HTML or JSON; counts one scan',
      parameters: [
        ...names.map((name) => pathParameter(name)),
        queryParameter('lang', { values: ['vi', 'en'] }),
        queryParameter('format', { values: ['json', 'html'] }),
        queryParameter('serial', { description: "A serial the shopper typed into the page's form: 303 to that label's page" }),
      ],
      responses: {
        '200': {
          description:
            'Genuine, suspicious or voided label; `status` tells a recalled lot, a voided label, a lot past its best-before and a food-safety hold apart',
          content: { 'text/html': {}, 'application/json': {} },
        },
        '303': { description: 'The page of the serial typed into the form (`?serial=`)' },
        '400': { description: 'Malformed Digital Link' },
        '404': { description: 'Counterfeit or unknown serial' },
        '429': { description: 'Rate limited' },
      },
    });
  }
  document.paths['/01/{digitalLinkPath}'] = publicGet({
    operationId: 'Resolver_digitalLink',
    summary:
      'Every other GS1 Digital Link shape under /01/{gtin}: the product (/01/{gtin}), a lot (/10/{lot}), a serial without lot (/21/{serial}), ' +
      'a variant (/22/{cpv}); a 13-digit GTIN is redirected (301) to 14 digits; grammar faults answer 400 naming the fault',
    parameters: [
      pathParameter('digitalLinkPath', 'The rest of the path after /01/'),
      queryParameter('linkType', { description: '`gs1:X`, a full link-type URI, `linkset` or `all`' }),
    ],
    responses: {
      '200': {
        description: 'The page, the JSON, or the linkset (application/linkset+json)',
        content: { 'text/html': {}, 'application/json': {}, 'application/linkset+json': {} },
      },
      '301': { description: 'The canonical 14-digit GTIN form' },
      '307': { description: 'The link of the requested link type' },
      '400': { description: 'Not a valid GS1 Digital Link (problem+json naming the fault)' },
      '404': { description: 'Unknown item, or a link type it does not have' },
    },
  });
  document.paths['/.well-known/gs1resolver'] = publicGet({
    operationId: 'Resolver_description',
    summary: 'The resolver description file (GS1-Conformant Resolver standard): root, primary keys, link types, the linkset context',
    responses: { '200': { description: 'The description', content: { 'application/json': {} } } },
  });
  document.paths['/{compressed}'] = publicGet({
    operationId: 'Resolver_compressed',
    summary: 'A compressed GS1 Digital Link: not supported, answered 400 (any other single segment is 404)',
    parameters: [pathParameter('compressed')],
    responses: {
      '400': { description: 'Compressed Digital Links are not decompressed here' },
      '404': { description: 'Not a compressed link' },
    },
  });
  document.paths['/api/v1/marketplaces/{marketplace}/webhook'] = {
    post: {
      tags: ['marketplaces'],
      operationId: 'MarketplaceWebhook_receive',
      summary:
        'An order pushed by a marketplace, signed the way that platform signs pushes (mounted on Fastify directly to verify the raw body)',
      parameters: [{ name: 'marketplace', in: 'path', required: true, schema: { type: 'string', enum: ['lazada', 'tiki', 'shopee'] } }],
      requestBody: { required: true, content: { 'application/json': { schema: { type: 'object' } } } },
      responses: { '200': { description: 'Recorded (or a replay, ignored)' }, '401': { description: 'Bad signature: nothing changed' } },
    },
  };
  return document;
}
