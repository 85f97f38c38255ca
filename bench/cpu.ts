/** CPU time of this process and of the servers it started (its descendants, by program name), read from /proc on Linux. */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Milliseconds of CPU (user + system): `self` (this process, all threads), then by program of the child processes: `temporal`, `postgres`, `node`, … */
export type CpuTimes = Record<string, number>;

let ticksPerSecond: number | undefined;
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

interface ProcStat {
  pid: number;
  ppid: number;
  name: string;
  ms: number;
}

function readProcStat(pid: string): ProcStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = text.lastIndexOf(')');
    const fields = text.slice(close + 2).split(' ');
    // After "pid (comm) ": state ppid … utime is field 14 and stime field 15 of the full line.
    return {
      pid: Number(pid),
      ppid: Number(fields[1]),
      name: text.slice(text.indexOf('(') + 1, close).split(/[\s:]/)[0],
      ms: ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks(),
    };
  } catch {
    return null;
  }
}

export function cpuTimes(): CpuTimes {
  const own = process.cpuUsage();
  const times: CpuTimes = { self: (own.user + own.system) / 1000 };
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return times;
  }
  const stats = entries.map(readProcStat).filter((s): s is ProcStat => s !== null);
  const children = new Map<number, ProcStat[]>();
  for (const s of stats) children.set(s.ppid, [...(children.get(s.ppid) ?? []), s]);
  const queue = [...(children.get(process.pid) ?? [])];
  for (let s = queue.shift(); s; s = queue.shift()) {
    times[s.name] = (times[s.name] ?? 0) + s.ms;
    queue.push(...(children.get(s.pid) ?? []));
  }
  return times;
}

export function cpuSince(before: CpuTimes, after: CpuTimes = cpuTimes()): CpuTimes {
  return Object.fromEntries(Object.entries(after).map(([name, ms]) => [name, ms - (before[name] ?? 0)]));
}
