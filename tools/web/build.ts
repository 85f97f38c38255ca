/**
 * Builds the web app (Vite) into apps/web/dist when its sources changed: the app's files, the domain code it bundles
 * and the lockfile are hashed, and the hash is kept beside the build (dist/.sources-sha256), so `npm start` and the
 * test setup build once and then skip in milliseconds. `npm run web:build` (`-- --force` to rebuild anyway).
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from '../dev-stack/tools';

const WEB_DIR = path.join(projectRoot, 'apps', 'web');
export const WEB_DIST_DIR = path.join(WEB_DIR, 'dist');
const STAMP = path.join(WEB_DIST_DIR, '.sources-sha256');

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)]))
    .sort();
}

/** One hash over everything the build reads that can change in a checkout. */
export function webSourcesHash(): string {
  const hash = createHash('sha256');
  const files = [
    path.join(WEB_DIR, 'index.html'),
    path.join(WEB_DIR, 'vite.config.ts'),
    ...filesUnder(path.join(WEB_DIR, 'src')),
    ...filesUnder(path.join(projectRoot, 'libs', 'domain', 'src')).filter((file) => !/\.spec\.ts$/.test(file)),
    path.join(projectRoot, 'package-lock.json'),
  ];
  for (const file of files) {
    hash.update(path.relative(projectRoot, file));
    hash.update(fs.readFileSync(file));
  }
  return hash.digest('hex');
}

/** Builds when the sources changed (or when forced); returns whether it built. */
export function ensureWebBuild(options: { force?: boolean; log?: (line: string) => void } = {}): boolean {
  const log = options.log ?? (() => undefined);
  const sources = webSourcesHash();
  if (!options.force && fs.existsSync(STAMP) && fs.readFileSync(STAMP, 'utf8').trim() === sources && fs.existsSync(path.join(WEB_DIST_DIR, 'index.html'))) {
    log(`web app up to date (sources ${sources.slice(0, 12)})`);
    return false;
  }
  const started = Date.now();
  log('building the web app (vite build)…');
  execFileSync(process.execPath, [path.join(projectRoot, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'error'], {
    cwd: WEB_DIR,
    stdio: ['ignore', 'pipe', 'inherit'],
    // React's production build whatever the caller's NODE_ENV (jest sets `test`, which would bundle React's development build).
    env: { ...process.env, NODE_ENV: 'production' },
  });
  fs.writeFileSync(STAMP, `${sources}\n`);
  log(`web app built in ${((Date.now() - started) / 1000).toFixed(1)} s (sources ${sources.slice(0, 12)})`);
  return true;
}

if (require.main === module) {
  ensureWebBuild({ force: process.argv.includes('--force'), log: (line) => console.log(`[web] ${line}`) });
}
