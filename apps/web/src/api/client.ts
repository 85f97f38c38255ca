/**
 * The api's client, typed by the OpenAPI document (schema.d.ts is generated from it: `npm run web:api`), so a changed
 * DTO breaks this app's build. Calls go to this origin with the session cookie; no token ever sits in the browser.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';
import { saveDraftsAndSignIn } from '../drafts';

export type Schemas = components['schemas'];
export type RegulationDetail = Schemas['RegulationDetailDto'];
export type RegulationSummary = Schemas['RegulationSummaryDto'];
export type InboxItem = Schemas['InboxItemDto'];
export type ApiError = Schemas['ErrorResponseDto'];
export type CommandType = RegulationDetail['allowedActions'][number];

/** Every state-changing call carries this header: the api refuses a cookie-authenticated one without it (AUTH.CSRF). */
export const CSRF_HEADER = { 'X-Requested-With': 'reglife-web' } as const;

/** An expired or missing session sends the user to sign in, keeping the half-filled forms (drafts.ts). */
const onUnauthenticated: Middleware = {
  onResponse({ response }) {
    if (response.status === 401) saveDraftsAndSignIn();
    return undefined;
  },
};

export const api = createClient<paths>({ baseUrl: '', headers: CSRF_HEADER, credentials: 'same-origin' });
api.use(onUnauthenticated);

/** The api's error body, when a failed answer has one. */
export function asApiError(error: unknown): ApiError | null {
  if (error && typeof error === 'object' && 'code' in error && 'message' in error) return error as ApiError;
  return null;
}

/** Thrown by `unwrap` so that TanStack Query sees a failure and the page can show the code and message. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiError,
  ) {
    super(`${body.code}: ${body.message}`);
  }
}

/** The data of a successful answer, else an ApiFailure with the api's code. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.data !== undefined && result.response.ok) return result.data;
  const body = asApiError(result.error) ?? { code: 'INTERNAL', message: `HTTP ${result.response.status}`, details: {} };
  throw new ApiFailure(result.response.status, body as ApiError);
}

/** The field a refusal names (validation errors carry `details.field`). */
export function errorField(error: ApiError): string | null {
  const field = (error.details as Record<string, unknown> | undefined)?.field;
  return typeof field === 'string' ? field : null;
}
