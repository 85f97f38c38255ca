/** The entry point every benchmark shares: its settings, a time limit, and Ctrl-C, each ending it cleanly. */

/** Reads one integer setting: from `--flag N`, `--flag=N` or the environment variable, else the fallback; within min..max. */
export type IntegerOption = (flag: string, env: string, fallback: number, min: number, max: number) => number;

/** The integer settings of a command line whose flags are `known` (any other `--flag` is refused). */
export function integerOptions(argv: readonly string[], known: readonly string[]): IntegerOption {
  const unknown = argv.filter((a) => a.startsWith('--') && !known.includes(a.slice(2).split('=')[0]));
  if (unknown.length > 0) throw new Error(`unknown option ${unknown.join(', ')} (known: ${known.map((f) => `--${f}`).join(', ')})`);
  return (flag, env, fallback, min, max) => {
    const i = argv.findIndex((a) => a === `--${flag}` || a.startsWith(`--${flag}=`));
    const raw = i < 0 ? process.env[env] : argv[i].includes('=') ? argv[i].split('=')[1] : argv[i + 1];
    const value = raw === undefined || raw === '' ? fallback : Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) throw new Error(`--${flag} / ${env} must be an integer from ${min} to ${max}`);
    return value;
  };
}

/**
 * Reads the settings from the command line (a bad one: exit code 2), then runs `main` with a signal that aborts on
 * the time limit, on SIGINT and on SIGTERM (a second signal exits at once); a run still going a minute past its limit
 * exits with code 1, as does a failure.
 */
export function runBounded<S extends { timeoutSeconds: number }>(
  name: string,
  readSettings: (argv: readonly string[]) => S,
  main: (settings: S, signal: AbortSignal) => Promise<void>,
): void {
  let settings: S;
  try {
    settings = readSettings(process.argv.slice(2));
  } catch (error) {
    console.error(`[${name}] ${(error as Error).message}`);
    process.exitCode = 2;
    return;
  }
  const controller = new AbortController();
  const deadline = setTimeout(() => controller.abort(new Error(`time limit of ${settings.timeoutSeconds} s reached`)), settings.timeoutSeconds * 1000);
  setTimeout(() => {
    console.error(`[${name}] still running past its time limit and shutdown allowance: exiting`);
    process.exit(1);
  }, (settings.timeoutSeconds + 60) * 1000).unref();
  const onSignal = (signal: NodeJS.Signals): void => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort(new Error(`interrupted by ${signal}`));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const settle = (): void => {
    clearTimeout(deadline);
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  };
  main(settings, controller.signal).then(settle, (error: unknown) => {
    settle();
    console.error(`[${name}] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  });
}
