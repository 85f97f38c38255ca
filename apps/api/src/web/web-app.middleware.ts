/**
 * Serves the officers' web app (apps/web, built into apps/web/dist) from the api's own origin: its hashed assets under
 * /assets (cached for good), and its index.html for any other page a browser navigates to, so that the app's routes
 * (/workspace/…, /supervision, …) load on a reload. API routes, the OpenAPI pages and sign-in are never shadowed:
 * only a GET for HTML of a path that is no API route gets the page. Each index.html carries a fresh CSP nonce, which
 * the app hands to Ant Design's style tags; nothing else inline may run.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Logger } from '@nestjs/common';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { RouteTable } from '../http/route-table';

/** apps/web/dist from apps/api/src/web, in a checkout and in the image (dist/apps/api/src/web → dist/apps/web/dist). */
export const WEB_APP_DIR = path.join(__dirname, '..', '..', '..', 'web', 'dist');

/** Paths that are the api's own even though the OpenAPI document does not list them. */
const NOT_THE_APP = ['/docs', '/auth/', '/assets/', '/idp', '/oidc', '/.well-known/'];

export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    "connect-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** A regulation's page, /workspace/<id> (not /workspace/new): the app's regulation-query.ts reads the same path. */
const REGULATION_PAGE = /^\/workspace\/([^/]+)$/;

/** The regulation page's source, as vite's manifest names it. */
const REGULATION_PAGE_SOURCE = 'src/pages/regulation-page.tsx';

/**
 * What the page will ask for first, as preloads in its head: the browser fetches them while it is still loading the
 * app's code, and the app's own requests (same URL, credentials and mode) take the answers. Who is signed in, always;
 * on a regulation's page, that regulation (the URL the app's client builds from the id) and the page's code
 * (`regulationPageCode`: its files under /assets that index.html does not already load).
 */
export function preloads(pagePath: string, regulationPageCode: readonly string[] = []): string {
  const urls = ['/auth/session'];
  let code: readonly string[] = [];
  const regulation = REGULATION_PAGE.exec(pagePath)?.[1];
  if (regulation !== undefined && regulation !== 'new') {
    try {
      urls.push(`/regulations/${encodeURIComponent(decodeURIComponent(regulation))}`);
      code = regulationPageCode;
    } catch {
      // A malformed escape: the app shows its own error for that address; nothing to preload.
    }
  }
  return [
    ...urls.map((url) => `<link rel="preload" as="fetch" crossorigin="anonymous" href="${url}" />`),
    ...code.map((file) => `<link rel="modulepreload" crossorigin href="/${file}" />`),
  ].join('');
}

/** The regulation page's files and those they import, from vite's manifest, less those index.html already loads. */
function regulationPageCode(dir: string, index: string): string[] {
  const manifestFile = path.join(dir, '.vite', 'manifest.json');
  if (!fs.existsSync(manifestFile)) return [];
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Record<string, { file: string; imports?: string[] }>;
  const files = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || files.has(chunk.file)) return;
    files.add(chunk.file);
    chunk.imports?.forEach(visit);
  };
  visit(REGULATION_PAGE_SOURCE);
  return [...files].filter((file) => !index.includes(`/${file}"`));
}

function wantsThePage(req: Request, routes: RouteTable): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (!(req.headers.accept ?? '').includes('text/html')) return false;
  if (NOT_THE_APP.some((prefix) => req.path === prefix.replace(/\/$/, '') || req.path.startsWith(prefix))) return false;
  return routes.allowedMethods(req.path) === null;
}

/** The middleware, or one that passes everything on when the app was not built (the api's own tests need no app). */
export function webAppMiddleware(routes: RouteTable, dir = WEB_APP_DIR): RequestHandler {
  const indexFile = path.join(dir, 'index.html');
  if (!fs.existsSync(indexFile)) {
    new Logger('WebApp').warn(`the web app is not built (${indexFile} is missing): npm run web:build`);
    return (_req, _res, next) => next();
  }
  const index = fs.readFileSync(indexFile, 'utf8');
  const pageCode = regulationPageCode(dir, index);
  const assets = express.static(path.join(dir, 'assets'), {
    index: false,
    immutable: true,
    maxAge: '365d',
    fallthrough: true,
    setHeaders: (res) => res.setHeader('X-Content-Type-Options', 'nosniff'),
  });
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.path.startsWith('/assets/')) {
      req.url = req.url.slice('/assets'.length);
      assets(req, res, () => {
        req.url = `/assets${req.url}`;
        next();
      });
      return;
    }
    if (!wantsThePage(req, routes)) return next();
    const nonce = randomBytes(18).toString('base64');
    res
      .status(200)
      .set({
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-store',
        'Content-Security-Policy': contentSecurityPolicy(nonce),
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
      })
      .send(index.replace('__CSP_NONCE__', nonce).replace('</head>', `${preloads(req.path, pageCode)}</head>`));
  };
}
