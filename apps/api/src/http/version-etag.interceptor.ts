/**
 * A regulation's representation is a function of its stream version, so the version is its strong ETag:
 * `"3"`, which a client sends back as If-Match on its next command. Express answers 304 on If-None-Match.
 */
import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { map, Observable } from 'rxjs';

export function versionEtag(version: number): string {
  return `"${version}"`;
}

@Injectable()
export class VersionEtagInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const res = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      map((body: unknown) => {
        const version = (body as { version?: unknown } | null)?.version;
        if (typeof version === 'number') res.setHeader('ETag', versionEtag(version));
        return body;
      }),
    );
  }
}
