/**
 * Signals a process together with its descendants, found through /proc (Linux): a PostgreSQL postmaster's backends
 * are its children, so freezing the server means stopping them all, not the postmaster alone. Used by the chaos run
 * (tools/chaos/faults.ts) for SIGSTOP / SIGCONT.
 */
import * as fs from 'node:fs';

/** The pids of `root` and every process below it, parents before children. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    // Field 4 (ppid) follows the command name in parentheses, which may itself hold spaces or parentheses.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const list = children.get(ppid) ?? [];
    list.push(Number(entry));
    children.set(ppid, list);
  }
  const tree: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/** Sends `signal` to every process of the tree; returns how many received it. */
export function signalTree(root: number, signal: NodeJS.Signals): number {
  let sent = 0;
  for (const pid of processTree(root)) {
    try {
      process.kill(pid, signal);
      sent += 1;
    } catch {
      // gone meanwhile
    }
  }
  return sent;
}
