/**
 * Child process of the benchmark (`apiProcess`): the api on a loopback port (BENCH_API_PORT, default any free one), out
 * of the load generator's process.
 */
import 'reflect-metadata';

export interface ApiHostMessage {
  port?: number;
  error?: string;
}

async function host(): Promise<void> {
  const { createApp } = await import('../apps/api/src/create-app');
  const app = await createApp();
  await app.listen(Number(process.env.BENCH_API_PORT ?? 0), '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await app.close();
    process.disconnect?.();
  };
  process.on('message', (message) => message === 'stop' && void stop());
  process.on('disconnect', () => void stop());
  process.send?.({ port } satisfies ApiHostMessage);
}

host().catch((error: unknown) => {
  process.send?.({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies ApiHostMessage);
  process.exitCode = 1;
  process.disconnect?.();
});
