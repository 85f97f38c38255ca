/** Where scripts/ensure-tools.sh puts the tools (outside the repo, shared by every clone on the machine). */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Absolute path of the repository root. */
export const projectRoot: string = path.resolve(__dirname, '..', '..');

/** `${REGLIFE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/reglife}`, the same rule as scripts/ensure-tools.sh. */
export function toolCacheDir(): string {
  if (process.env.REGLIFE_CACHE) return path.resolve(process.env.REGLIFE_CACHE);
  const xdg = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.resolve(xdg, 'reglife');
}

/**
 * The browser of the browser tests, the web benchmark and the charts: Debian's `chromium-headless-shell` (the headless
 * build Playwright itself drives), or CHROMIUM_PATH. Debian's `chromium --headless` runs the new headless mode, whose
 * windows sometimes stop producing animation frames; Playwright waits for an element on animation frames, so a locator
 * then never resolved (a click waited 90 s on a button that was there: 3 runs in 4 of a browser suite, none in 2 with
 * the headless shell). Installed by scripts/ensure-tools.sh.
 */
export const chromiumPath: string = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium-headless-shell';
/** Its flags: no sandbox (root in CI), no GPU, no network of its own (updates, components), no first-run pages. */
export const chromiumArgs: readonly string[] = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

export interface ToolPaths {
  /** The tool cache directory. */
  cacheDir: string;
  /** The `temporal` CLI (dev server). */
  temporalCli: string;
  /** Wrapper that runs the Java time-skipping test server: `temporal-test-server <port>`. */
  testServer: string;
}

/** Absolute paths of the tools scripts/ensure-tools.sh installs; they exist only after it ran. */
export function toolPaths(): ToolPaths {
  const cacheDir = toolCacheDir();
  return {
    cacheDir,
    temporalCli: path.join(cacheDir, 'bin', 'temporal'),
    testServer: path.join(cacheDir, 'bin', 'temporal-test-server'),
  };
}

/** Throws a helpful error when a tool has not been installed yet. */
export function requireTool(file: string): string {
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run \`bash scripts/ensure-tools.sh\` first`);
  return file;
}
