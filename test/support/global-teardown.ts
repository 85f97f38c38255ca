/** jest globalTeardown of the integration and e2e projects: stops what global-setup.ts started. */
export default async function globalTeardown(): Promise<void> {
  const state = globalThis.__reglifeServers;
  if (!state) return;
  globalThis.__reglifeServers = undefined;
  process.removeListener('SIGINT', state.onSignal);
  process.removeListener('SIGTERM', state.onSignal);
  await state.servers.stop();
}
