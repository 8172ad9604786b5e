import {Config} from '@oclif/core'
import {captureOutput} from '@oclif/test'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {connections} from '../../src/connection/client.js'
import {ROOT} from '../helpers/cli.js'

let config: Config | undefined

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
  return {...out, exitCode: process.exitCode ?? 0}
}

/** Open no socket: commands get a stand-in connection; tests replace the service functions. */
export function withoutBroker(): () => void {
  const original = connections.open
  connections.open = async (spec) => ({spec, address: spec.brokers.join(','), requestCounts: new Map(), warnings: [], close: async () => {}}) as never
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
