/** What every benchmark records beside its figures: the machine, the revision, and the result file itself. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Two decimals, as the result files keep them. */
export const round = (n: number): number => Math.round(n * 100) / 100;

export function machine() {
  const cpu = os.cpus();
  return {
    cpus: cpu.length,
    cpuModel: cpu[0]?.model ?? null,
    memoryMb: Math.round(os.totalmem() / 2 ** 20),
    loadAverage: os.loadavg().map(round),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
  };
}

/** The commit measured, and whether the working tree differed from it; null outside a git checkout. */
export function revision(): { commit: string | null; dirty: boolean | null } {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: path.join(__dirname, '..'), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return { commit: git('rev-parse', 'HEAD').trim(), dirty: git('status', '--porcelain').trim() !== '' };
  } catch {
    return { commit: null, dirty: null };
  }
}

/** Writes bench/results/<startedAt>-<benchmark>.json and prints its path. */
export function writeResult(benchmark: string, startedAt: Date, result: object): void {
  const dir = path.join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${startedAt.toISOString().replace(/[:.]/g, '-')}-${benchmark}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`results: ${path.relative(process.cwd(), file)}`);
}
