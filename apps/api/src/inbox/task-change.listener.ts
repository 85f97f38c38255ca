/**
 * The api process's one PostgreSQL connection that LISTENs on `approval_tasks`, where the event store's projector
 * announces every task change (delivered on commit). Fans the notices out with rxjs; reconnects with backoff.
 */
import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Client, Notification } from 'pg';
import { BehaviorSubject, Observable, Subject } from 'rxjs';
import { databaseConfig, DatabaseConfig } from '@app/config';
import { TaskStatus, taskStatuses } from '@app/domain';
import { APPROVAL_TASKS_CHANNEL } from '@app/event-store';

/** The payload of one notice. */
export interface TaskNotice {
  taskId: string;
  regulationId: string;
  wardCode: string;
  status: TaskStatus;
}

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 30_000;
/** A connection attempt that hangs (a host that drops packets) fails and is retried like any other. */
const CONNECT_TIMEOUT_MS = 10_000;

@Injectable()
export class TaskChangeListener implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(TaskChangeListener.name);
  private readonly notices = new Subject<TaskNotice>();
  private readonly listening = new BehaviorSubject<boolean>(false);
  private readonly closing = new Subject<void>();
  /** The current connection, connecting or listening; null between attempts and once closed. */
  private client: Client | null = null;
  private retry: NodeJS.Timeout | null = null;
  private failures = 0;
  private closed = false;

  /** Every notice, in commit order, while the connection listens. */
  readonly notices$: Observable<TaskNotice> = this.notices.asObservable();
  /** true while LISTEN is in force; false while the connection is down (notices sent meanwhile are lost). */
  readonly listening$: Observable<boolean> = this.listening.asObservable();
  /** Emits once when the module shuts down: the streams end then. */
  readonly closing$: Observable<void> = this.closing.asObservable();

  constructor(@Inject(databaseConfig.KEY) private readonly config: DatabaseConfig) {}

  /** Waits for the first attempt only: the api starts, and serves the inbox's pages, while PostgreSQL is away. */
  async onModuleInit(): Promise<void> {
    await this.connect();
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    this.closing.next();
    this.closing.complete();
    this.listening.complete();
    this.notices.complete();
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    this.retry = null;
    const client = new Client({
      connectionString: this.config.url,
      application_name: 'reglife-api-inbox',
      keepAlive: true,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    });
    this.client = client;
    client.on('notification', (message) => this.receive(message));
    client.on('error', (error) => this.drop(client, error));
    client.on('end', () => this.drop(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${APPROVAL_TASKS_CHANNEL}`);
    } catch (error) {
      this.drop(client, error);
      return;
    }
    // Dropped or closed meanwhile: that path has ended it.
    if (this.client !== client) return;
    this.failures = 0;
    this.listening.next(true);
  }

  /** Gives the connection up and schedules the next attempt; a connection already given up is ignored. */
  private drop(client: Client, error?: unknown): void {
    if (client !== this.client) return;
    this.client = null;
    client.end().catch(() => undefined);
    if (this.closed) return;
    if (this.listening.getValue()) this.listening.next(false);
    const delay = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** this.failures);
    this.failures += 1;
    this.logger.warn({ err: error, retryInMs: delay }, `the ${APPROVAL_TASKS_CHANNEL} listener lost its connection; retrying`);
    this.retry = setTimeout(() => void this.connect(), delay);
  }

  private receive(message: Notification): void {
    if (message.channel !== APPROVAL_TASKS_CHANNEL) return;
    const notice = parseNotice(message.payload);
    if (notice) this.notices.next(notice);
    else this.logger.warn({ payload: message.payload?.slice(0, 200) }, `ignored a malformed ${APPROVAL_TASKS_CHANNEL} notice`);
  }
}

function parseNotice(payload: string | undefined): TaskNotice | null {
  try {
    const value = JSON.parse(payload ?? '') as Record<string, unknown>;
    const { taskId, regulationId, wardCode, status } = value;
    if (typeof taskId === 'string' && typeof regulationId === 'string' && typeof wardCode === 'string' && taskStatuses.includes(status as TaskStatus)) {
      return { taskId, regulationId, wardCode, status: status as TaskStatus };
    }
  } catch {
    // falls through: not JSON
  }
  return null;
}
