/**
 * The inbox's live stream (GET /inbox/stream, Server-Sent Events) read with fetch, so the session cookie goes along:
 * `ready` (reload), `task` (one change), `expired` (the access token the stream was opened with ended: reconnect, and
 * the api renews it, or answers 401 when the session is over and the person signs in again). Reconnects by itself,
 * 0.5 s doubling to 30 s.
 */
import type { Schemas } from './api/client';
import { saveDraftsAndSignIn } from './drafts';

export type LiveState = 'connecting' | 'connected' | 'reconnecting';
export type TaskChange = Schemas['TaskChangeDto'];

export interface LiveHandlers {
  onState(state: LiveState): void;
  onReady(): void;
  onTask(change: TaskChange): void;
}

/** Starts the stream; the returned function stops it. */
export function followInbox(query: string, handlers: LiveHandlers): () => void {
  const controller = new AbortController();
  let delay = 500;

  async function readOnce(): Promise<void> {
    const response = await fetch(`/inbox/stream${query}`, { credentials: 'same-origin', headers: { Accept: 'text/event-stream' }, signal: controller.signal });
    if (response.status === 401) {
      saveDraftsAndSignIn();
      return;
    }
    if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
    handlers.onState('connected');
    delay = 500;
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let event = 'message';
        const data: string[] = [];
        for (const line of block.split('\n')) {
          if (line.startsWith('event:')) event = line.slice(6).trim();
          else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
        }
        if (event === 'ready') handlers.onReady();
        else if (event === 'task') handlers.onTask(JSON.parse(data.join('\n')) as TaskChange);
        else if (event === 'expired') return;
      }
    }
  }

  async function run(): Promise<void> {
    handlers.onState('connecting');
    while (!controller.signal.aborted) {
      try {
        await readOnce();
      } catch {
        // A dropped connection or a failed answer: retry below, unless stopped.
      }
      if (controller.signal.aborted) return;
      handlers.onState('reconnecting');
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 30_000);
    }
  }

  void run();
  return () => controller.abort();
}
