import {readFileSync, readdirSync} from 'node:fs'

/** One process's command line (arguments joined by spaces). */
export interface ProcessArgs {
  pid: number
  cmdline: string
}

/** The command lines of every process this user can read (/proc/PID/cmdline). */
export function processArgs(): ProcessArgs[] {
  const out: ProcessArgs[] = []
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    try {
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').replaceAll('\0', ' ').trim()
      if (cmdline) out.push({pid: Number(name), cmdline})
    } catch {
      // The process ended meanwhile, or is not ours to read.
    }
  }
  return out
}

/**
 * Record the command lines of processes while something runs (e.g. `kctl local start`, whose
 * short-lived tools would be gone by the time a test looks): polls /proc every `intervalMs` and
 * keeps every distinct command line seen. A process is re-read until its command line was the same
 * three times (a fork shows its parent's until it execs), so a poll costs little.
 */
export function watchProcessArgs(intervalMs = 25): {stop(): ProcessArgs[]} {
  const seen = new Map<string, ProcessArgs>()
  const settled = new Map<string, {cmdline: string; times: number}>()
  const poll = () => {
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue
      const known = settled.get(name)
      if (known && known.times >= 3) continue
      try {
        const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').replaceAll('\0', ' ').trim()
        settled.set(name, {cmdline, times: known?.cmdline === cmdline ? known.times + 1 : 1})
        if (cmdline && !seen.has(cmdline)) seen.set(cmdline, {pid: Number(name), cmdline})
      } catch {
        // The process ended meanwhile, or is not ours to read.
      }
    }
  }
  poll()
  const timer = setInterval(poll, intervalMs)
  return {
    stop() {
      clearInterval(timer)
      poll()
      return [...seen.values()]
    },
  }
}
