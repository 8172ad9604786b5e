import {expect} from 'chai'
import {Config} from '@oclif/core'
import {captureOutput} from '@oclif/test'
import {readdirSync, statSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, relative} from 'node:path'
import {pathToFileURL} from 'node:url'

import {connections} from '../../src/connection/client.js'
import {ROOT} from '../helpers/cli.js'
import {assertJsonOutput, wantsJson} from '../helpers/json-contract.js'

let config: Config | undefined
let ids: Map<string, string> | undefined

/** A command class's identity across module instances (tsx may load a file twice). */
const classKey = (cls: unknown) => `${(cls as {name: string}).name}\n${(cls as {summary?: string}).summary}`

let classes: Map<string, unknown> | undefined

/** Every command of src/commands: its id (`topics:list`, `configs` for configs/index.ts) -> its class. */
export async function commandClasses<T = unknown>(): Promise<Map<string, T>> {
  if (!classes) {
    const dir = join(ROOT, 'src', 'commands')
    const files = (d: string): string[] =>
      readdirSync(d).flatMap((f) =>
        statSync(join(d, f)).isDirectory() ? files(join(d, f)) : f.endsWith('.ts') ? [join(d, f)] : [],
      )
    classes = new Map()
    for (const file of files(dir)) {
      const id = relative(dir, file)
        .replace(/\.ts$/, '')
        .replace(/\/index$/, '')
        .split('/')
        .join(':')
      classes.set(id, (await import(pathToFileURL(file).href)).default)
    }
  }
  return classes as Map<string, T>
}

/** Every command class (src/commands) -> its id, to find the schema of what a test ran. */
export async function commandIds(): Promise<Map<string, string>> {
  ids ??= new Map([...(await commandClasses())].map(([id, cls]) => [classKey(cls), id]))
  return ids
}

// Command tests never read the developer's own kctl config file (its guarded contexts would guard
// the tests' -b); a test that needs contexts sets KCTL_CONFIG itself.
process.env.KCTL_CONFIG = join(tmpdir(), `kctl-command-tests-${process.pid}`, 'config.yaml')

/**
 * Run a command class (imported from src/, so the services the test replaced are the ones it
 * calls) with oclif's real flag parsing, capturing stdout/stderr and the returned result.
 */
export async function runCmd(cmd: {run(argv: string[], config?: Config): Promise<unknown>}, argv: string[]) {
  config ??= await Config.load(ROOT)
  process.exitCode = undefined
  const out = await captureOutput(async () => cmd.run(argv, config))
  // Every JSON output a command test sees must match the command's schema (schemas/<id>.json).
  if (wantsJson(argv)) {
    const id = (await commandIds()).get(classKey(cmd))
    if (!id) throw new Error('runCmd: not a command class of src/commands')
    assertJsonOutput(id, out.stdout)
  }
  return {...out, exitCode: process.exitCode ?? 0}
}

/** Open no socket: commands get a stand-in connection; tests replace the service functions. */
export function withoutBroker(): () => void {
  const original = connections.open
  connections.open = async (spec) =>
    ({spec, address: spec.brokers.join(','), requestCounts: new Map(), warnings: [], close: async () => {}}) as never
  return () => {
    connections.open = original
  }
}

/** Replace functions on a service object for one test; returns the restore function. */
export function replace<T extends object>(target: T, fakes: Partial<T>): () => void {
  const saved = Object.fromEntries(Object.keys(fakes).map((k) => [k, target[k as keyof T]]))
  Object.assign(target, fakes)
  return () => Object.assign(target, saved)
}

/** The bootstrap flag of a command test (no socket is opened: see withoutBroker). */
export const B = ['-b', 'x:9092']

/** A service stand-in that records each call's arguments and answers `value`. */
export function recorder() {
  const args: unknown[][] = []
  return {
    args,
    returning<R>(value: R) {
      return async (...a: unknown[]): Promise<R> => (args.push(a), value) as never
    },
  }
}

/** A usage error: exit 2, one `Error:` line then a `Hint:`, nothing on stdout, and no service call. */
export async function expectUsageExit(
  cmd: {run(argv: string[], config?: Config): Promise<unknown>},
  argv: string[],
  calls: {args: unknown[][]},
  message?: RegExp,
) {
  const before = calls.args.length
  const r = await runCmd(cmd, argv)
  const where = `${argv.join(' ')}: ${r.stderr}`
  expect(r.exitCode, where).to.equal(2)
  expect(r.stderr, where).to.match(/^Error: .+\nHint: .+/m)
  if (message) expect(r.stderr, where).to.match(message)
  expect(r.stdout, where).to.equal('')
  expect(calls.args.length, `${where}: the service was called`).to.equal(before)
  return r
}

/**
 * Call inside a `describe`: each test runs without a broker (see withoutBroker), and every restore
 * function pushed on the returned list is undone after the test, with process.exitCode cleared.
 */
export function servicesReplaced(): (() => void)[] {
  const restores: (() => void)[] = []
  beforeEach(() => restores.push(withoutBroker()))
  afterEach(() => {
    while (restores.length > 0) restores.pop()!()
    process.exitCode = undefined
  })
  return restores
}
