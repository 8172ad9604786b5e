import {spawn} from 'node:child_process'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

import {assertJsonOutput, commandIdOf, wantsJson} from './json-contract.js'

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const RUN = join(ROOT, 'bin', 'run.js')

export interface CliResult {
  code: number
  stdout: string
  stderr: string
  /** stdout parsed as JSON (throws with the output when it is not JSON). */
  json<T = any>(): T
}

/** Extra environment every kctl subprocess of the test run gets (set by the cluster harness). */
export const cliEnv: Record<string, string> = {}

/**
 * Everything every kctl run of this test process printed (stdout, stderr, a terminal's screen):
 * the root hooks check that no known secret appears in any of it.
 */
export const capturedOutputs: Array<{args: string[]; output: string}> = []

/** Secrets the test run knows (SCRAM passwords, wrong passwords tried): none may appear in any output. */
export const knownSecrets = new Set<string>()

export function registerSecret(secret: string): void {
  if (secret.length >= 6) knownSecrets.add(secret)
}

/** The known secrets found in `text` (never the secret itself in a message: its owner and length). */
export function secretsIn(text: string): string[] {
  return [...knownSecrets].filter((s) => text.includes(s))
}

/**
 * Run the built CLI (dist/) as a real subprocess: real argv parsing, real exit codes, no TTY.
 */
export function kctl(
  args: string[],
  options: {env?: Record<string, string | undefined>; input?: string; timeoutMs?: number} = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const env: Record<string, string | undefined> = {...process.env, ...cliEnv, ...options.env}
    delete env.FORCE_COLOR
    const child = spawn(process.execPath, [RUN, ...args], {
      env: env as NodeJS.ProcessEnv,
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    const timer = setTimeout(() => {
      capturedOutputs.push({args, output: `${stdout}\n${stderr}`})
      child.kill('SIGKILL')
      reject(
        new Error(
          `kctl ${args.join(' ')} did not finish within ${options.timeoutMs ?? 120_000}ms\nstdout: ${stdout}\nstderr: ${stderr}`,
        ),
      )
    }, options.timeoutMs ?? 120_000)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      capturedOutputs.push({args, output: `${stdout}\n${stderr}`})
      // Every JSON output an integration test sees must match the command's schema (schemas/).
      const id = wantsJson(args) ? commandIdOf(args) : undefined
      if (id) {
        try {
          assertJsonOutput(id, stdout)
        } catch (error) {
          reject(error)
          return
        }
      }
      resolve({
        code: code ?? -1,
        stdout,
        stderr,
        json() {
          try {
            return JSON.parse(stdout)
          } catch {
            throw new Error(
              `kctl ${args.join(' ')} printed no JSON (exit ${code})\nstdout: ${stdout}\nstderr: ${stderr}`,
            )
          }
        },
      })
    })
    child.stdin.end(options.input ?? '')
  })
}

export interface TtySession {
  /** Resolves once the screen (ANSI codes stripped) shows `text`; rejects after the timeout. */
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<void>
  /** Type into the terminal (e.g. `3\r`, `\u001B[B` for the down arrow). */
  type(keys: string): void
  /** Everything printed so far, ANSI codes stripped. */
  readonly screen: string
  /** The exit code, once the command ends. */
  exited: Promise<number>
}

const ANSI = /\u001B\[[\d;?]*[ -/]*[@-~]|\u001B[()][\dA-Z]|\u001B[=>78]|\r/g

/**
 * Run the built CLI on a real pseudo-terminal (util-linux `script`), for the interactive paths
 * (wizards, confirmations) that only exist on a TTY.
 */
export function kctlTty(args: string[], options: {env?: Record<string, string | undefined>} = {}): TtySession {
  const env: Record<string, string | undefined> = {
    ...process.env,
    ...cliEnv,
    ...options.env,
    TERM: 'xterm',
    COLUMNS: '160',
    LINES: '50',
  }
  delete env.FORCE_COLOR
  const quote = (s: string) => `'${s.replaceAll("'", "'\\''")}'`
  const command = [process.execPath, RUN, ...args].map(quote).join(' ')
  const child = spawn('script', ['-qefc', `stty cols 160 rows 50; exec ${command}`, '/dev/null'], {
    env: env as NodeJS.ProcessEnv,
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  let raw = ''
  let closed = false
  const listeners = new Set<() => void>()
  const onData = (d: Buffer) => {
    raw += d.toString('utf8')
    for (const l of listeners) l()
  }
  child.stdout.on('data', onData)
  child.stderr.on('data', onData)
  let failure = ''
  const exited = new Promise<number>((resolve, reject) => {
    child.on('error', (error) => {
      // util-linux `script` gives the command its pseudo-terminal (package bsdutils on Debian).
      failure = `cannot run \`script\` for a pseudo-terminal: ${error.message}`
      closed = true
      for (const l of listeners) l()
      reject(new Error(failure))
    })
    child.on('close', (code) => {
      closed = true
      capturedOutputs.push({args, output: raw})
      for (const l of listeners) l()
      resolve(code ?? -1)
    })
  })
  exited.catch(() => {}) // also reported by waitFor; awaiting `exited` still rethrows it
  const session: TtySession = {
    get screen() {
      return raw.replace(ANSI, '')
    },
    waitFor(text, timeoutMs = 60_000) {
      const seen = () => (typeof text === 'string' ? session.screen.includes(text) : text.test(session.screen))
      return new Promise((resolve, reject) => {
        const check = () => {
          if (seen()) {
            cleanup()
            resolve()
          } else if (closed) {
            cleanup()
            reject(new Error(failure || `the command ended without showing ${text}; screen:\n${session.screen}`))
          }
        }
        const timer = setTimeout(() => {
          cleanup()
          reject(new Error(`the terminal never showed ${text} within ${timeoutMs}ms; screen:\n${session.screen}`))
        }, timeoutMs)
        const cleanup = () => {
          clearTimeout(timer)
          listeners.delete(check)
        }
        listeners.add(check)
        check()
      })
    },
    type(keys) {
      child.stdin.write(keys)
    },
    exited,
  }
  return session
}

/** The records of consume's NDJSON output (`-o json`), one parsed object a line. */
export const ndjson = (stdout: string) =>
  stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l))

/** The per-API request count kctl prints with --debug ("[debug] requests: Api=N ..."). */
export function requestCount(stderr: string, api: string): number {
  return Number(new RegExp(`\\b${api}=(\\d+)`).exec(stderr)?.[1] ?? 0)
}
