/**
 * Strict JSON bodies: UTF-8 only, a size limit, a nesting limit, objects only; every refusal answers in the api's
 * error shape.
 */
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

/**
 * No request body nests deeper than 3 levels; 32 leaves room and refuses the deeply nested bodies that would
 * exhaust the stack of the recursive transformers and validators behind the parser (a 500 otherwise).
 */
export const MAX_JSON_DEPTH = 32;

class TooDeepError extends Error {
  readonly status = 400;
  readonly type = 'entity.too.deep';
}

/** The deepest nesting of arrays and objects in JSON text, counted on the bytes before any parsing. */
function nestingExceeds(buffer: Buffer, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < buffer.length; i += 1) {
    const byte = buffer[i];
    if (inString) {
      if (byte === 0x5c) i += 1; // backslash: skip the escaped byte
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) {
      inString = true;
    } else if (byte === 0x5b || byte === 0x7b) {
      depth += 1;
      if (depth > max) return true;
    } else if (byte === 0x5d || byte === 0x7d) {
      depth -= 1;
    }
  }
  return false;
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
        if (nestingExceeds(buffer, MAX_JSON_DEPTH)) throw new TooDeepError(`the body nests deeper than ${MAX_JSON_DEPTH} levels`);
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
      case 'entity.too.deep':
        return this.refuse(res, 400, 'REQUEST.MALFORMED', `the body nests deeper than ${MAX_JSON_DEPTH} levels`, { maxDepth: MAX_JSON_DEPTH });
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
