/** Strict JSON bodies: UTF-8 only, a size limit, objects only; every refusal answers in the api's error shape. */
import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import { json, NextFunction, Request, RequestHandler, Response } from 'express';
import { ApiConfig, apiConfig } from '../api.config';
import type { ErrorBody } from '../errors/api.errors';
import { ApiMetrics } from '../metrics/api-metrics.service';

const utf8 = new TextDecoder('utf-8', { fatal: true });

class InvalidEncodingError extends Error {
  readonly status = 400;
  readonly type = 'encoding.invalid';
}

@Injectable()
export class JsonBodyMiddleware implements NestMiddleware {
  private readonly parse: RequestHandler;

  constructor(
    @Inject(apiConfig.KEY) config: ApiConfig,
    private readonly metrics: ApiMetrics,
  ) {
    this.parse = json({
      limit: config.bodyLimit,
      strict: true,
      type: () => true,
      // body-parser would silently replace invalid bytes while decoding; refuse them instead.
      verify: (_req, _res, buffer) => {
        try {
          utf8.decode(buffer);
        } catch {
          throw new InvalidEncodingError('the body is not valid UTF-8');
        }
      },
    });
  }

  use(req: Request, res: Response, next: NextFunction): void {
    if (!hasBody(req)) {
      req.body = {};
      return next();
    }
    if (!req.is(['application/json', 'application/*+json'])) {
      return this.refuse(res, 415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json');
    }
    const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(req.headers['content-type'] ?? '')?.[1]?.toLowerCase();
    if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
      return this.refuse(res, 400, 'REQUEST.INVALID_ENCODING', 'the body must be UTF-8', { charset });
    }
    this.parse(req, res, (error?: unknown) => {
      if (error) return this.refuseParserError(res, error as { type?: string; status?: number; message?: string });
      if (Array.isArray(req.body)) return this.refuse(res, 400, 'REQUEST.MALFORMED', 'the body must be a JSON object');
      next();
    });
  }

  private refuseParserError(res: Response, error: { type?: string; status?: number; message?: string }): void {
    switch (error.type) {
      case 'entity.too.large':
        return this.refuse(res, 413, 'REQUEST.TOO_LARGE', 'the body is larger than the limit', {
          limit: (error as { limit?: number }).limit,
        });
      case 'encoding.invalid':
      case 'charset.unsupported':
        return this.refuse(res, 400, 'REQUEST.INVALID_ENCODING', 'the body must be UTF-8');
      case 'encoding.unsupported':
        return this.refuse(res, 415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE', 'unsupported Content-Encoding');
      default:
        return this.refuse(res, 400, 'REQUEST.MALFORMED', 'the body is not valid JSON');
    }
  }

  private refuse(res: Response, status: number, code: string, message: string, details: Record<string, unknown> = {}): void {
    this.metrics.recordError(code, status);
    res.status(status).json({ code, message, details } satisfies ErrorBody);
  }
}

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}
