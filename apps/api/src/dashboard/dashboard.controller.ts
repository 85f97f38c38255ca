/**
 * The supervisors' dashboard: static HTML, CSS and ES modules from ./public, read once at start-up and served
 * without a token (the page's own data calls carry the bearer token). It is no part of the API, so it stays out
 * of the OpenAPI document.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access } from '../auth/access.decorators';

export const DASHBOARD_ASSETS_DIR = path.join(__dirname, 'public');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
};

/**
 * The page runs its own scripts and styles only and talks to this origin only; the bearer token lives in its
 * sessionStorage, so nothing else may run there or frame it.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

interface Asset {
  type: string;
  body: Buffer;
}

function readAssets(dir: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  for (const name of fs.readdirSync(dir)) {
    const type = CONTENT_TYPES[path.extname(name)];
    if (type) assets.set(name, { type, body: fs.readFileSync(path.join(dir, name)) });
  }
  if (!assets.has('index.html')) throw new Error(`the dashboard's index.html is missing from ${dir}`);
  return assets;
}

@ApiExcludeController()
@Controller('dashboard')
@Access.public()
export class DashboardController {
  private readonly assets = readAssets(DASHBOARD_ASSETS_DIR);

  @Get()
  page(@Res() res: Response): void {
    this.send(res, 'index.html');
  }

  @Get(':file')
  asset(@Param('file') file: string, @Res() res: Response): void {
    this.send(res, file);
  }

  /** Revalidated on every load (ETag, 304), so a new release reaches browsers at once. */
  private send(res: Response, name: string): void {
    const asset = this.assets.get(name);
    if (!asset) throw new NotFoundException(`no dashboard file ${name.slice(0, 100)}`);
    res
      .set({
        'Content-Type': asset.type,
        'Cache-Control': 'no-cache',
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
      })
      .send(asset.body);
  }
}
