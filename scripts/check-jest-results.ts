/**
 * The test gate's reading of jest's JSON results (scripts/test.sh). It fails when:
 *   - jest ran no test, or any test failed, or a suite failed to run;
 *   - any test was skipped or left as a todo (`.skip`, `.todo`, `xit`: the lint forbids them, this catches the rest);
 *   - on a whole run (no jest arguments), a project ran fewer test files than the tree holds, or fewer than its
 *     floor below. The files are found here by walking the tree with each project's suffix, independently of
 *     jest.config.ts's globs, so a glob that silently matches nothing is caught; the floors catch deleted files.
 * It ends with jest's own summary lines (`Tests: …`) and, last, the plain count `N passed, N failed`.
 * Usage: node -r ts-node/register/transpile-only scripts/check-jest-results.ts <results.json> <whole|partial>
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The test files each project held when its floor was last raised; lower one only with the files it counted. */
const floors = { unit: 17, integration: 19, e2e: 9 } as const;
type Project = keyof typeof floors;

const sourceRoots = ['apps', 'libs', 'workflows', 'test', 'scripts', 'bench', 'tools'];
const skippedDirs = new Set(['node_modules', 'dist', 'data', 'artifacts']);

interface AssertionResult {
  fullName: string;
  status: 'passed' | 'failed' | 'pending' | 'todo' | 'skipped' | 'disabled';
}
interface TestFileResult {
  name: string;
  status: 'passed' | 'failed';
  message: string;
  assertionResults: AssertionResult[];
}
interface JestResults {
  numTotalTestSuites: number;
  numPassedTestSuites: number;
  numFailedTestSuites: number;
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numRuntimeErrorTestSuites: number;
  testResults: TestFileResult[];
}

const root = path.resolve(__dirname, '..');

function projectOf(file: string): Project | undefined {
  const relative = path.relative(root, file).split(path.sep).join('/');
  if (relative.endsWith('.int-spec.ts')) return 'integration';
  if (relative.endsWith('.e2e-spec.ts')) return relative.startsWith('test/') ? 'e2e' : undefined;
  if (relative.endsWith('.spec.ts')) return 'unit';
  return undefined;
}

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return skippedDirs.has(entry.name) ? [] : walk(full);
    return entry.isFile() ? [full] : [];
  });
}

function testFilesInTree(): Record<Project, string[]> {
  const found: Record<Project, string[]> = { unit: [], integration: [], e2e: [] };
  for (const file of sourceRoots.flatMap((dir) => walk(path.join(root, dir)))) {
    const project = projectOf(file);
    if (project) found[project].push(file);
  }
  return found;
}

function check(results: JestResults, whole: boolean): string[] {
  const problems: string[] = [];
  if (results.numTotalTests === 0) problems.push('jest ran no test');
  if (results.numRuntimeErrorTestSuites > 0) problems.push(`${results.numRuntimeErrorTestSuites} test file(s) failed to run`);
  for (const file of results.testResults) {
    for (const test of file.assertionResults) {
      if (!['passed', 'failed'].includes(test.status)) {
        problems.push(`skipped test (${test.status}): ${path.relative(root, file.name)} › ${test.fullName}`);
      }
    }
  }
  if (!whole) return problems;

  const ran = new Map(results.testResults.map((file) => [path.resolve(file.name), file]));
  const inTree = testFilesInTree();
  for (const project of Object.keys(floors) as Project[]) {
    const files = inTree[project];
    const ranHere = files.filter((file) => (ran.get(file)?.assertionResults.length ?? 0) > 0);
    if (files.length < floors[project]) {
      problems.push(`${project}: the tree holds ${files.length} test file(s), fewer than its floor of ${floors[project]} (scripts/check-jest-results.ts)`);
    }
    if (ranHere.length < files.length) {
      const missing = files.filter((file) => !ranHere.includes(file)).map((file) => path.relative(root, file));
      problems.push(`${project}: jest ran ${ranHere.length} of its ${files.length} test files; not run: ${missing.join(', ')}`);
    }
  }
  return problems;
}

/** A line in the shape of jest's own summary: `Tests:       1 failed, 460 passed, 461 total`. */
function summaryLine(label: string, failed: number, passed: number, total: number): string {
  return [label, failed > 0 ? `${failed} failed,` : '', `${passed} passed, ${total} total`].filter(Boolean).join(' ');
}

/**
 * The run's last line, in the plain form any CI reads whatever the runner: `515 passed, 0 failed` (`, N skipped` when
 * some were). Jest's own summary lines above it are not a form CI knows.
 */
function closingLine(passed: number, failed: number, skipped: number): string {
  return `${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`;
}

function main(): void {
  const [resultsFile, scope] = process.argv.slice(2);
  if (!resultsFile || !['whole', 'partial'].includes(scope ?? '')) {
    console.error('usage: check-jest-results.ts <results.json> <whole|partial>');
    process.exit(2);
  }
  const results = JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as JestResults;
  const problems = check(results, scope === 'whole');
  if (scope === 'partial') console.log('[test] jest arguments given: the per-project file counts are not checked');
  for (const problem of problems) console.log(`[test] gate: ${problem}`);
  const skipped = results.numPendingTests + results.numTodoTests;
  console.log(summaryLine('Test Suites:', results.numFailedTestSuites, results.numPassedTestSuites, results.numTotalTestSuites));
  console.log(summaryLine('Tests:      ', results.numFailedTests, results.numPassedTests, results.numTotalTests));
  console.log(closingLine(results.numPassedTests, results.numFailedTests, skipped));
  process.exit(problems.length > 0 ? 1 : 0);
}

if (require.main === module) main();
