import {readdirSync, readFileSync} from 'node:fs'

/** A process seen while watching: its id and its arguments as `ps` shows them. */
export interface SeenProcess {
  pid: number
  args: string[]
}

function parentOf(pid: number): number | undefined {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces and parentheses.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
  } catch {
    return undefined
  }
}

function argsOf(pid: number): string[] | undefined {
  try {
    const raw = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
    return raw === '' ? undefined : raw.replace(/\0$/, '').split('\0')
  } catch {
    return undefined
  }
}

/**
 * Record the command line of every process started below this test process (the kctl processes
 * a test runs, and whatever they start) and of every process whose arguments mention one of
 * `marks` (a detached JVM outlives the kctl that started it). Linux only (/proc); polls, so a
 * process must live at least one interval to be seen (a JVM lives far longer).
 */
export function watchCommandLines(marks: string[], intervalMs = 40): {seen: () => SeenProcess[]; stop: () => void} {
  const seen = new Map<string, SeenProcess>()
  const self = process.pid
  const scan = () => {
    const parents = new Map<number, number>()
    const pids = readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .map(Number)
    for (const pid of pids) {
      const ppid = parentOf(pid)
      if (ppid !== undefined) parents.set(pid, ppid)
    }
    const below = (pid: number) => {
      for (let p = parents.get(pid), hops = 0; p !== undefined && p > 1 && hops < 64; p = parents.get(p), hops++) if (p === self) return true
      return false
    }
    for (const pid of pids) {
      if (pid === self) continue
      const args = argsOf(pid)
      if (!args) continue
      if (below(pid) || marks.some((m) => args.some((a) => a.includes(m)))) seen.set(`${pid} ${args.join(' ')}`, {pid, args})
    }
  }
  scan()
  const timer = setInterval(scan, intervalMs)
  return {
    seen: () => {
      scan()
      return [...seen.values()]
    },
    stop: () => clearInterval(timer),
  }
}
