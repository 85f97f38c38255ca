/**
 * The chaos run's HTTP client, behaving as a careful real client: every command carries an Idempotency-Key (its
 * command id) and is sent again with the SAME key after a transport error or a 5xx, through the next api in turn,
 * until it gets a definite answer (2xx or a coded 4xx) or its deadline passes. Every command and its outcome is
 * recorded for the checks (tools/chaos/checks.ts).
 */
import { sleep } from '../dev-stack/servers';

export type Headers = Record<string, string>;

export interface CommandRecord {
  lifecycle: string;
  step: string;
  route: string;
  commandId: string;
  /** Requests sent (1 when the first one got a definite answer). */
  attempts: number;
  outcome: 'succeeded' | 'refused' | 'gave_up';
  status: number | null;
  /** The error code of a refusal (a coded domain or request error), or what the last attempt ran into. */
  code?: string;
  message?: string;
  /** A success's committed version and events (the CommandResult). */
  version?: number;
  stage?: string;
  events?: { eventId: string; type: string; streamPosition: number }[];
  /** Why each retried attempt was retried (transport error or 5xx code). */
  retriedOn: string[];
}

export interface ChaosHttpOptions {
  /** Base URLs of the apis; attempts go to them in turn. */
  apis: string[];
  /** Per attempt (default 40 s: above the api's command timeout). */
  attemptTimeoutMs?: number;
  /** Per command, all attempts (default 180 s). */
  commandDeadlineMs?: number;
}

export class ChaosHttp {
  readonly commands: CommandRecord[] = [];
  private turn = 0;

  constructor(private readonly options: ChaosHttpOptions) {}

  /** Sends one command until a definite answer; never throws for an HTTP status. */
  async command(lifecycle: string, step: string, route: string, auth: Headers, body: object, commandId: string): Promise<CommandRecord> {
    const record: CommandRecord = { lifecycle, step, route, commandId, attempts: 0, outcome: 'gave_up', status: null, retriedOn: [] };
    this.commands.push(record);
    const deadline = Date.now() + (this.options.commandDeadlineMs ?? 180_000);
    for (;;) {
      record.attempts += 1;
      const api = this.nextApi();
      let retryReason: string;
      try {
        const res = await fetch(`${api}${route}`, {
          method: 'POST',
          headers: { ...auth, 'Content-Type': 'application/json', 'Idempotency-Key': commandId },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(this.options.attemptTimeoutMs ?? 40_000),
        });
        const text = await res.text();
        const reply = parseJson(text);
        record.status = res.status;
        if (res.status < 300) {
          Object.assign(record, { outcome: 'succeeded', version: reply.version, stage: reply.stage, events: reply.events ?? [] });
          return record;
        }
        record.code = typeof reply.code === 'string' ? reply.code : `HTTP.${res.status}`;
        record.message = typeof reply.message === 'string' ? reply.message : text.slice(0, 200);
        if (res.status < 500) {
          record.outcome = 'refused';
          return record;
        }
        retryReason = `${res.status} ${record.code}`;
      } catch (error) {
        record.status = null;
        record.code = 'TRANSPORT';
        record.message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        retryReason = `transport ${error instanceof Error ? error.name : 'error'}`;
      }
      if (Date.now() > deadline) return record;
      record.retriedOn.push(retryReason);
      await sleep(Math.min(250 * 2 ** Math.min(record.attempts, 4), 3_000));
    }
  }

  /** A read (GET) retried the same way; resolves with the body, or null when no answer came before the deadline. */
  async read(route: string, auth: Headers, deadlineMs = 60_000): Promise<Record<string, any> | null> {
    const deadline = Date.now() + deadlineMs;
    while (Date.now() < deadline) {
      try {
        const res = await fetch(`${this.nextApi()}${route}`, { headers: auth, signal: AbortSignal.timeout(10_000) });
        const text = await res.text();
        if (res.status === 200) return parseJson(text);
      } catch {
        // retried below
      }
      await sleep(500);
    }
    return null;
  }

  private nextApi(): string {
    const api = this.options.apis[this.turn % this.options.apis.length];
    this.turn += 1;
    return api;
  }
}

function parseJson(text: string): Record<string, any> {
  try {
    const value: unknown = text ? JSON.parse(text) : {};
    return value && typeof value === 'object' ? (value as Record<string, any>) : {};
  } catch {
    return {};
  }
}
