/** Calls to the api with the bearer token: JSON queries, and the opening of the inbox's event stream. */

class ApiError extends Error {
  constructor(status, body) {
    super(typeof body?.message === 'string' ? body.message : `HTTP ${status}`);
    this.status = status;
    this.code = typeof body?.code === 'string' ? body.code : `HTTP.${status}`;
  }
}

/** `?a=1&b=2` of the parameters that have a value, or an empty string. */
function queryString(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '' && value !== false) search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export class Api {
  /** `onUnauthenticated(error)` runs on every 401: the token expired or was revoked. */
  constructor(token, onUnauthenticated) {
    this.token = token;
    this.onUnauthenticated = onUnauthenticated;
  }

  async get(path, params = {}, signal) {
    const response = await this.fetch(path, params, 'application/json', signal);
    return response.json();
  }

  /** GET of an event stream: its body once the api answered 200. */
  async openStream(path, params = {}, signal) {
    const response = await this.fetch(path, params, 'text/event-stream', signal);
    if (!response.body) throw new ApiError(response.status, { message: 'the stream has no body' });
    return response.body;
  }

  async fetch(path, params, accept, signal) {
    const response = await fetch(`${path}${queryString(params)}`, {
      headers: { Authorization: `Bearer ${this.token}`, Accept: accept },
      signal,
    });
    if (response.ok) return response;
    const error = new ApiError(response.status, await response.json().catch(() => null));
    if (response.status === 401) this.onUnauthenticated(error);
    throw error;
  }
}
