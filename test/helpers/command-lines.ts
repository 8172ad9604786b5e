import {readdirSync, readFileSync} from 'node:fs'

/** A process seen while watching: its id and its arguments as `ps` shows them. */
export interface SeenProcess {
  pid: number
  args: string[]
}

/** Parent id and command name from /proc/<pid>/stat: "pid (comm) state ppid ..." (comm may hold spaces). */
function statOf(pid: number): {ppid: number; comm: string} | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const close = stat.lastIndexOf(')')
    return {ppid: Number(stat.slice(close + 2).split(' ')[1]), comm: stat.slice(stat.indexOf('(') + 1, close)}
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
 * a test runs, and whatever they start) and of every JVM whose arguments mention one of `marks`
 * (a detached JVM outlives the kctl that started it). Linux only (/proc). It polls, so a process
 * must live at least one interval to be seen (a JVM lives far longer than 250 ms).
 */
export function watchCommandLines(marks: string[], intervalMs = 250): {seen: () => SeenProcess[]; stop: () => void} {
  const seen = new Map<string, SeenProcess>()
  const self = process.pid
  const scan = () => {
    const stats = new Map<number, {ppid: number; comm: string}>()
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue
      const stat = statOf(Number(name))
      if (stat) stats.set(Number(name), stat)
    }
    const below = (pid: number) => {
      for (let p = stats.get(pid)?.ppid, hops = 0; p !== undefined && p > 1 && hops < 64; p = stats.get(p)?.ppid, hops++) if (p === self) return true
      return false
    }
    for (const [pid, {comm}] of stats) {
      if (pid === self) continue
      const descendant = below(pid)
      if (!descendant && comm !== 'java') continue
      const args = argsOf(pid)
      if (!args) continue
      if (descendant || marks.some((m) => args.some((a) => a.includes(m)))) seen.set(`${pid} ${args.join(' ')}`, {pid, args})
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
