/**
 * The workflow bundle the worker starts from: a saved bundle is used only while its sidecar vouches for the
 * sources as they are now and for its own bytes; anything else is bundled again. Real webpack, on a copy of the
 * test/support fixtures in a scratch directory (under dist/, so that node_modules resolves).
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadWorkflowBundle, workflowSourcesHash, type WorkflowBundleOptions } from './workflow-bundle';

jest.setTimeout(120_000);

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const fixtures = path.join(repoRoot, 'test', 'support', 'fixtures');
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
/** What a build step would ship: a bundle (here with a marker webpack never writes) and a sidecar vouching for it. */
const MARKER = '\n// prebuilt-marker: only a bundle taken from disk carries this line\n';

let scratch: string;
let options: WorkflowBundleOptions & { outFile: string };
let logged: string[];

beforeEach(() => {
  fs.mkdirSync(path.join(repoRoot, 'dist'), { recursive: true });
  scratch = fs.mkdtempSync(path.join(repoRoot, 'dist', 'workflow-bundle-spec-'));
  const sources = path.join(scratch, 'workflows');
  fs.cpSync(fixtures, sources, { recursive: true });
  logged = [];
  options = {
    workflowsPath: path.join(sources, 'index.ts'),
    sourceDirs: [sources],
    outFile: path.join(scratch, 'out', 'workflow-bundle.js'),
    log: (message) => logged.push(message),
  };
});

afterEach(() => {
  fs.rmSync(scratch, { recursive: true, force: true });
});

const sidecarOf = (file: string) =>
  Object.fromEntries(
    fs
      .readFileSync(`${file}.sha256`, 'utf8')
      .trim()
      .split('\n')
      .map((line) => line.split(' ')),
  );

/** Builds and saves a bundle, then marks it as a build step's artifact would be: the marker, a matching sidecar. */
async function prebuild(): Promise<string> {
  const built = await loadWorkflowBundle(options);
  expect(built.source).toBe('built');
  const marked = built.code + MARKER;
  fs.writeFileSync(options.outFile, marked);
  fs.writeFileSync(`${options.outFile}.sha256`, `sources ${built.hash}\nbundle ${sha256(marked)}\n`);
  logged = [];
  return built.hash;
}

describe('workflow bundle', () => {
  it('builds and saves a bundle with its sidecar when none is saved', async () => {
    const bundle = await loadWorkflowBundle(options);

    expect(bundle).toMatchObject({ source: 'built', codePath: options.outFile, hash: workflowSourcesHash(options) });
    expect(bundle.code).toContain('sleepyWorkflow');
    expect(fs.readFileSync(options.outFile, 'utf8')).toBe(bundle.code);
    expect(sidecarOf(options.outFile)).toEqual({ sources: bundle.hash, bundle: sha256(bundle.code) });
    expect(logged[0]).toContain(`no prebuilt bundle at ${options.outFile}`);
    expect(logged[0]).toContain(bundle.hash);
  });

  it('uses the prebuilt bundle, as is, when its sidecar matches the sources and its bytes', async () => {
    const hash = await prebuild();

    const bundle = await loadWorkflowBundle(options);

    expect(bundle).toMatchObject({ source: 'prebuilt', codePath: options.outFile, hash });
    expect(bundle.code.endsWith(MARKER)).toBe(true); // the file from disk, not a fresh webpack run
    expect(logged).toEqual([expect.stringContaining(`using the prebuilt ${options.outFile} (sources ${hash}`)]);
  });

  it('does not use a stale bundle: a changed source file means a new bundle, saved over the old one', async () => {
    const oldHash = await prebuild();
    fs.appendFileSync(path.join(path.dirname(options.workflowsPath!), 'sleepy.workflow.ts'), "\nexport const fixtureRevision = 'second-revision';\n");

    const bundle = await loadWorkflowBundle(options);

    expect(bundle.source).toBe('built');
    expect(bundle.hash).not.toBe(oldHash);
    expect(bundle.code).not.toContain('prebuilt-marker');
    expect(bundle.code).toContain('second-revision');
    expect(sidecarOf(options.outFile)).toEqual({ sources: bundle.hash, bundle: sha256(bundle.code) });
    expect(logged[0]).toContain(`is stale (built from sources ${oldHash})`);
  });

  it('does not use a bundle whose sidecar names other sources, nor one without a sidecar', async () => {
    const hash = await prebuild();
    const marked = fs.readFileSync(options.outFile, 'utf8');
    fs.writeFileSync(`${options.outFile}.sha256`, `sources ${'0'.repeat(64)}\nbundle ${sha256(marked)}\n`);

    const stale = await loadWorkflowBundle(options);
    expect(stale).toMatchObject({ source: 'built', hash });
    expect(stale.code).not.toContain('prebuilt-marker');

    fs.writeFileSync(options.outFile, marked);
    fs.rmSync(`${options.outFile}.sha256`);
    const unsigned = await loadWorkflowBundle(options);
    expect(unsigned.source).toBe('built');
    expect(unsigned.code).not.toContain('prebuilt-marker');
  });

  it('does not use a bundle whose bytes differ from what its sidecar vouches for', async () => {
    await prebuild();
    fs.appendFileSync(options.outFile, '\n// edited after the build\n');

    const bundle = await loadWorkflowBundle(options);

    expect(bundle.source).toBe('built');
    expect(bundle.code).not.toContain('edited after the build');
    expect(logged[0]).toContain('does not match its sidecar');
  });

  it('runs a fresh bundle from memory when it cannot be saved', async () => {
    fs.mkdirSync(path.dirname(options.outFile), { recursive: true });
    fs.writeFileSync(path.join(path.dirname(options.outFile), 'not-a-dir'), '');
    const outFile = path.join(path.dirname(options.outFile), 'not-a-dir', 'workflow-bundle.js');

    const bundle = await loadWorkflowBundle({ ...options, outFile });

    expect(bundle).toMatchObject({ source: 'built', codePath: null });
    expect(bundle.code).toContain('sleepyWorkflow');
    expect(logged.join('\n')).toContain('could not save it');
    expect(fs.readdirSync(path.dirname(options.outFile))).toEqual(['not-a-dir']); // no temporary file left behind
  });

  it('refuses workflows that import a project file outside the directories the hash covers', async () => {
    fs.writeFileSync(path.join(scratch, 'outside.ts'), "export const outside = 'not hashed';\n");
    fs.appendFileSync(options.workflowsPath!, "export { outside } from '../outside';\n");

    await expect(loadWorkflowBundle(options)).rejects.toThrow(/outside\.ts, outside the directories that key the bundle/);
    expect(fs.existsSync(options.outFile)).toBe(false);
  });
});
