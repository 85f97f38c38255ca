/**
 * Builds the workflow bundle once and reuses it: Worker.create({ workflowBundle: await getWorkflowBundle() })
 * skips webpack (about 1 s per worker) whenever the workflow sources did not change.
 *
 * The bundle is cached on disk (default dist/workflow-bundle.js) next to a sidecar holding the hash of its
 * inputs: every file under the source dirs (default workflows/ and libs/domain/), package-lock.json and the
 * options. Writes are atomic, so parallel jest workers may race harmlessly.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { projectRoot } from '../../tools/dev-stack/tools';

export interface WorkflowBundleOptions {
  /** Module exporting the workflows; default the project's `workflows/` (index.ts). */
  workflowsPath?: string;
  /** Directories whose contents key the cache; default `workflows/` and `libs/domain/`. */
  sourceDirs?: string[];
  /** Cached bundle; default `dist/workflow-bundle.js`. */
  outFile?: string;
}

export interface WorkflowBundle {
  /** For `Worker.create({ workflowBundle: { codePath } })`. */
  codePath: string;
  hash: string;
  /** false when the cached bundle was reused. */
  built: boolean;
}

const inProcess = new Map<string, Promise<WorkflowBundle>>();

/** The cached workflow bundle, built first when its sources changed. */
export function getWorkflowBundle(options: WorkflowBundleOptions = {}): Promise<WorkflowBundle> {
  const workflowsPath = options.workflowsPath ?? require.resolve(path.join(projectRoot, 'workflows'));
  const sourceDirs = (options.sourceDirs ?? [path.join(projectRoot, 'workflows'), path.join(projectRoot, 'libs', 'domain')]).map((dir) =>
    path.resolve(dir),
  );
  const outFile = path.resolve(options.outFile ?? path.join(projectRoot, 'dist', 'workflow-bundle.js'));
  const key = JSON.stringify({ workflowsPath, sourceDirs, outFile });
  let bundle = inProcess.get(key);
  if (!bundle) {
    bundle = buildIfChanged(workflowsPath, sourceDirs, outFile);
    inProcess.set(key, bundle);
    bundle.catch(() => inProcess.delete(key));
  }
  return bundle;
}

/** Hash of the bundle inputs: relative path and content of every source file, the lockfile and the options. */
export function workflowSourcesHash(workflowsPath: string, sourceDirs: string[]): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ workflowsPath: path.relative(projectRoot, workflowsPath), format: 1 }));
  const files = sourceDirs.flatMap((dir) => listFiles(dir)).sort();
  for (const file of files) {
    hash.update(`\0${path.relative(projectRoot, file)}\0`);
    hash.update(fs.readFileSync(file));
  }
  const lockfile = path.join(projectRoot, 'package-lock.json');
  if (fs.existsSync(lockfile)) hash.update(fs.readFileSync(lockfile));
  return hash.digest('hex');
}

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : listFiles(full);
    return entry.isFile() ? [full] : [];
  });
}

async function buildIfChanged(workflowsPath: string, sourceDirs: string[], outFile: string): Promise<WorkflowBundle> {
  const hash = workflowSourcesHash(workflowsPath, sourceDirs);
  const hashFile = `${outFile}.sha256`;
  if (fs.existsSync(outFile) && fs.existsSync(hashFile) && fs.readFileSync(hashFile, 'utf8').trim() === hash) {
    return { codePath: outFile, hash, built: false };
  }
  const { code } = await bundleWorkflowCode({
    workflowsPath,
    logger: new DefaultLogger('WARN'),
    webpackConfigHook: (config) => {
      // `@app/<lib>` → libs/<lib>/src, as tsconfig paths and the jest moduleNameMapper say.
      const libs = path.join(projectRoot, 'libs');
      const alias: Record<string, string> = fs.existsSync(libs)
        ? Object.fromEntries(fs.readdirSync(libs).map((name) => [`@app/${name}`, path.join(libs, name, 'src')]))
        : {};
      config.resolve = { ...config.resolve, alias: { ...(config.resolve?.alias as Record<string, string> | undefined), ...alias } };
      return config;
    },
  });
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  const suffix = `${process.pid}.${Date.now()}.tmp`;
  fs.writeFileSync(`${outFile}.${suffix}`, code);
  fs.renameSync(`${outFile}.${suffix}`, outFile); // the bundle first, then the hash that vouches for it
  fs.writeFileSync(`${hashFile}.${suffix}`, `${hash}\n`);
  fs.renameSync(`${hashFile}.${suffix}`, hashFile);
  return { codePath: outFile, hash, built: true };
}
