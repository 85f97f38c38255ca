/**
 * The workflow bundle (Temporal's `bundleWorkflowCode`, i.e. webpack), built once and reused while the workflow
 * sources do not change. One implementation for the worker (TemporalWorkerService), `npm run build:workflows`
 * (build-workflow-bundle.ts, also run by the Dockerfile) and the tests.
 *
 * The bundle file (default dist/workflow-bundle.js under the package root, or WORKFLOW_BUNDLE_PATH) has a
 * sidecar `<file>.sha256` with two lines:
 *   sources <sha256 of the bundle's inputs>     see workflowSourcesHash
 *   bundle  <sha256 of the bundle file itself>
 * A bundle is used only when the hash of the sources as they are now equals its `sources` line and its bytes
 * match its `bundle` line; otherwise it is rebuilt (and saved when the disk allows). Never stale code.
 *
 * The inputs are hashed where this module runs, in the form it sees them: under ts-node and jest the .ts files
 * of workflows/ and libs/domain/; in the Docker image the compiled .js (and .js.map) of dist/workflows/ and
 * dist/libs/domain/, which the image's build step bundled and hashed in the same layout. In both, the lockfile
 * (package-lock.json, nearest above) and the @temporalio versions stand for node_modules. The bundler refuses
 * a bundle that pulls in a project file from outside the hashed directories, so the hash covers every input.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bundleWorkflowCode, DefaultLogger, type BundleOptions } from '@temporalio/worker';

/** The directory holding workflows/ and libs/: the repository, or dist/ once compiled (dist/apps/worker/src/..). */
export const workflowSourceRoot: string = path.resolve(__dirname, '..', '..', '..');

export interface WorkflowBundleOptions {
  /** Module exporting the workflows; default `workflows/` (index) under workflowSourceRoot. */
  workflowsPath?: string;
  /** Directories whose files key the bundle; default `workflows/` and `libs/domain/` under workflowSourceRoot. */
  sourceDirs?: string[];
  /** The bundle file; default `dist/workflow-bundle.js` under the package root (the repository, or /app in the image). */
  outFile?: string;
  /** Progress: which bundle is used and why, with the hash and timings. */
  log?: (message: string) => void;
}

export interface WorkflowBundle {
  /** The bundle's code, as verified or built: `Worker.create({ workflowBundle: { code } })`. */
  code: string;
  /** Where the bundle is saved; null when a bundle built here could not be written (read-only disk). */
  codePath: string | null;
  /** Hash of the sources the bundle was built from (the sidecar's `sources` line). */
  hash: string;
  /** `prebuilt`: the saved bundle matched the sources; `built`: bundled now. */
  source: 'prebuilt' | 'built';
}

interface Resolved {
  workflowsPath: string;
  sourceDirs: string[];
  outFile: string;
}

/** Format of the hash: bump it when the bundler settings below change, so that older bundles go stale. */
const HASH_FORMAT = 3;

function resolveOptions(options: WorkflowBundleOptions): Resolved {
  const workflowsPath = path.resolve(options.workflowsPath ?? require.resolve(path.join(workflowSourceRoot, 'workflows')));
  const sourceDirs = (options.sourceDirs ?? [path.join(workflowSourceRoot, 'workflows'), path.join(workflowSourceRoot, 'libs', 'domain')]).map((dir) =>
    path.resolve(dir),
  );
  return { workflowsPath, sourceDirs, outFile: path.resolve(options.outFile ?? defaultWorkflowBundlePath()) };
}

/** dist/workflow-bundle.js under the package root (nearest directory above workflowSourceRoot with a package.json). */
export function defaultWorkflowBundlePath(): string {
  const packageJson = findUp(workflowSourceRoot, 'package.json');
  return path.join(packageJson ? path.dirname(packageJson) : workflowSourceRoot, 'dist', 'workflow-bundle.js');
}

/** Hash of the bundle inputs: every file under the source dirs (relative path and content), the lockfile, the versions. */
export function workflowSourcesHash(options: WorkflowBundleOptions = {}): string {
  const { workflowsPath, sourceDirs } = resolveOptions(options);
  const relative = (file: string) => path.relative(workflowSourceRoot, file).split(path.sep).join('/');
  const hash = createHash('sha256');
  hash.update(
    JSON.stringify({
      format: HASH_FORMAT,
      workflowsPath: relative(workflowsPath),
      sourceDirs: sourceDirs.map(relative),
      temporal: ['worker', 'workflow', 'common'].map((name) => temporalVersion(name)),
    }),
  );
  for (const file of sourceDirs.flatMap((dir) => listFiles(dir)).sort()) {
    hash.update(`\0${relative(file)}\0`);
    hash.update(fs.readFileSync(file));
  }
  const lockfile = findUp(workflowSourceRoot, 'package-lock.json');
  hash.update('\0lockfile\0');
  if (lockfile) hash.update(fs.readFileSync(lockfile));
  return hash.digest('hex');
}

/**
 * The bundle for the sources as they are now: the saved one when its sidecar vouches for these sources and for
 * its bytes, else a new one (saved to outFile when possible).
 */
export async function loadWorkflowBundle(options: WorkflowBundleOptions = {}): Promise<WorkflowBundle> {
  const resolved = resolveOptions(options);
  const log = options.log ?? (() => undefined);
  const started = Date.now();
  const hash = workflowSourcesHash(resolved);
  const prebuilt = readPrebuilt(resolved.outFile, hash);
  if ('code' in prebuilt) {
    log(`workflow bundle: using the prebuilt ${resolved.outFile} (sources ${hash}, checked in ${Date.now() - started} ms)`);
    return { code: prebuilt.code, codePath: resolved.outFile, hash, source: 'prebuilt' };
  }
  log(`workflow bundle: ${prebuilt.reason}; bundling the workflows (sources ${hash})…`);
  const { code, hash: builtHash } = await buildStable(resolved, hash);
  const codePath = save(resolved.outFile, code, builtHash, log);
  log(`workflow bundle: bundled in ${((Date.now() - started) / 1000).toFixed(1)} s (sources ${builtHash})${codePath ? `, saved to ${codePath}` : ''}`);
  return { code, codePath, hash: builtHash, source: 'built' };
}

const inProcess = new Map<string, Promise<WorkflowBundle>>();

/** loadWorkflowBundle, once per process and options (for the tests, which ask for it in every suite). */
export function getWorkflowBundle(options: Omit<WorkflowBundleOptions, 'log'> = {}): Promise<WorkflowBundle> {
  const key = JSON.stringify(resolveOptions(options));
  let bundle = inProcess.get(key);
  if (!bundle) {
    bundle = loadWorkflowBundle(options);
    inProcess.set(key, bundle);
    bundle.catch(() => inProcess.delete(key));
  }
  return bundle;
}

/** The saved bundle if its sidecar matches `hash` and its bytes, else why not. */
function readPrebuilt(outFile: string, hash: string): { code: string } | { reason: string } {
  let sidecar: string | null;
  let code: string | null;
  try {
    sidecar = readIfExists(`${outFile}.sha256`);
    code = readIfExists(outFile);
  } catch (error) {
    return { reason: `cannot read the prebuilt ${outFile} (${error instanceof Error ? error.message : String(error)})` };
  }
  if (code === null || sidecar === null) return { reason: `no prebuilt bundle at ${outFile}${code === null ? '' : ' (no .sha256 sidecar)'}` };
  const lines = Object.fromEntries(sidecar.split('\n').map((line) => line.trim().split(/\s+/) as [string, string?]));
  if (lines.sources !== hash) return { reason: `the prebuilt ${outFile} is stale (built from sources ${lines.sources ?? 'unknown'})` };
  if (lines.bundle !== sha256(code)) return { reason: `the prebuilt ${outFile} does not match its sidecar` };
  return { code };
}

/** Bundles, and bundles again should the sources have changed meanwhile: the hash must describe the code. */
async function buildStable(resolved: Resolved, hashBefore: string): Promise<{ code: string; hash: string }> {
  let before = hashBefore;
  for (let attempt = 1; ; attempt++) {
    const code = await bundle(resolved);
    const after = workflowSourcesHash(resolved);
    if (after === before) return { code, hash: after };
    if (attempt === 3) throw new Error('the workflow sources keep changing while they are bundled');
    before = after;
  }
}

type WebpackConfig = Parameters<NonNullable<BundleOptions['webpackConfigHook']>>[0];

async function bundle({ workflowsPath, sourceDirs }: Resolved): Promise<string> {
  const domainDir = path.join(workflowSourceRoot, 'libs', 'domain', 'src');
  const outside = new Set<string>();
  const { code } = await bundleWorkflowCode({
    workflowsPath,
    // The domain (catalogue, regimes, calendar tables, decide and evolve: pure code and constant data) is evaluated
    // once in the shared V8 context and frozen there, instead of once per workflow in its own module cache; each
    // cached workflow then holds only its own state (bench:worker-cache measured the saving).
    // Only when the domain is among the bundle's sources (a test fixture's bundle has none of it).
    preloadModules: sourceDirs.some((dir) => domainDir.startsWith(path.resolve(dir) + path.sep)) ? [domainDir] : [],
    logger: new DefaultLogger('WARN'),
    webpackConfigHook: (config: WebpackConfig) => {
      // `@app/<lib>` → libs/<lib>/src, as tsconfig paths, the jest moduleNameMapper and the image's symlinks say.
      const libs = path.join(workflowSourceRoot, 'libs');
      const alias: Record<string, string> = fs.existsSync(libs)
        ? Object.fromEntries(fs.readdirSync(libs).map((name) => [`@app/${name}`, path.join(libs, name, 'src')]))
        : {};
      config.resolve = { ...config.resolve, alias: { ...(config.resolve?.alias as Record<string, string> | undefined), ...alias } };
      // Every project file in the bundle must be one the hash covers (node_modules: the lockfile). webpack
      // reports real paths: compare with the real paths of the directories.
      const hashedDirs = sourceDirs.map((dir) => (fs.existsSync(dir) ? fs.realpathSync(dir) : dir));
      config.plugins = [
        ...(config.plugins ?? []),
        {
          apply: (compiler) =>
            compiler.hooks.thisCompilation.tap('HashedWorkflowSources', (compilation) =>
              compilation.hooks.finishModules.tap('HashedWorkflowSources', (modules) => {
                for (const module of modules) {
                  const resource = (module as { resource?: string }).resource?.split('?')[0];
                  if (!resource || resource.split(/[\\/]/).includes('node_modules') || resource.endsWith('-autogenerated-entrypoint.cjs')) continue;
                  if (!hashedDirs.some((dir) => resource.startsWith(dir + path.sep))) outside.add(resource);
                }
              }),
            ),
        },
      ];
      return config;
    },
  });
  if (outside.size > 0) {
    throw new Error(
      `the workflows import ${[...outside].join(', ')}, outside the directories that key the bundle (${sourceDirs.join(', ')}): ` +
        'a change there would not be noticed; move the code or add its directory to sourceDirs',
    );
  }
  return code;
}

/** Writes the bundle, then its sidecar, each atomically; returns the path, or null when the disk refused. */
function save(outFile: string, code: string, hash: string, log: (message: string) => void): string | null {
  const suffix = `${process.pid}.${Date.now()}.tmp`;
  try {
    fs.mkdirSync(path.dirname(outFile), { recursive: true });
    fs.writeFileSync(`${outFile}.${suffix}`, code);
    fs.renameSync(`${outFile}.${suffix}`, outFile);
    fs.writeFileSync(`${outFile}.sha256.${suffix}`, `sources ${hash}\nbundle ${sha256(code)}\n`);
    fs.renameSync(`${outFile}.sha256.${suffix}`, `${outFile}.sha256`);
    return outFile;
  } catch (error) {
    for (const tmp of [`${outFile}.${suffix}`, `${outFile}.sha256.${suffix}`]) {
      try {
        fs.rmSync(tmp, { force: true });
      } catch {
        // nothing was written there
      }
    }
    log(`workflow bundle: could not save it to ${outFile} (${error instanceof Error ? error.message : String(error)}); running it from memory`);
    return null;
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function readIfExists(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    if (['ENOENT', 'ENOTDIR'].includes((error as NodeJS.ErrnoException).code ?? '')) return null;
    throw error;
  }
}

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : listFiles(full);
    return entry.isFile() ? [full] : [];
  });
}

function findUp(from: string, name: string): string | null {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, name))) return path.join(dir, name);
    if (path.dirname(dir) === dir) return null;
  }
}

function temporalVersion(name: string): string {
  try {
    return `${name}@${(JSON.parse(fs.readFileSync(require.resolve(`@temporalio/${name}/package.json`), 'utf8')) as { version: string }).version}`;
  } catch {
    return `${name}@?`;
  }
}
