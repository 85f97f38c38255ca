/**
 * A regulation's record as the page reads it, shared by the page and the entry: on a regulation's address the entry
 * starts this request and the page's code while the session is still being read, instead of one after the other.
 */
import { api, unwrap } from './api/client';

/** The path of a regulation's page: /workspace/<id> (not /workspace/new). */
const REGULATION_PATH = /^\/workspace\/([^/]+)$/;

export function regulationQuery(id: string) {
  return {
    queryKey: ['regulation', id],
    queryFn: async () => unwrap(await api.GET('/regulations/{id}', { params: { path: { id } } })),
    // Fetched moments ago by the entry: not again as the page mounts. Commands invalidate it as before.
    staleTime: 2_000,
  };
}

/** The regulation id of this address, if it is a regulation's page. */
export function regulationIdOf(pathname: string): string | null {
  const match = REGULATION_PATH.exec(pathname);
  return match && match[1] !== 'new' ? decodeURIComponent(match[1]) : null;
}
