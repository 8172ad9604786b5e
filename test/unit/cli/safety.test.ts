import {expect} from 'chai'
import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {clusterService} from '../../../src/admin/cluster/cluster.js'
import {MutationGuard, confirmChange} from '../../../src/cli/safety.js'
import type {KafkaConnection} from '../../../src/connection/client.js'
import {saveConfig} from '../../../src/connection/config-file.js'
import type {ConnectionSpec} from '../../../src/connection/resolve.js'
import {ExitCode, KctlError} from '../../../src/errors.js'
import {type Prompter, setPrompter} from '../../../src/prompts/prompter.js'
import {fakePrompter} from '../../helpers/prompter.js'

/** A person at a terminal who answers `confirm` and `input` as told, and remembers the questions. */
function person(answers: {confirm?: boolean; input?: string; abort?: boolean}, asked: string[]): Prompter {
  const abort = () => Object.assign(new Error('User force closed the prompt'), {name: 'ExitPromptError'})
  return fakePrompter({
    async confirm(message) {
      asked.push(message)
      if (answers.abort) throw abort()
      return answers.confirm ?? false
    },
    async input(message) {
      asked.push(message)
      if (answers.abort) throw abort()
      return answers.input ?? ''
    },
  })
}

/** Answer DescribeCluster with `identity` for one test (the seam command tests use); returns the restore. */
function identityIs(identity: typeof clusterService.clusterIdentity): () => void {
  const saved = clusterService.clusterIdentity
  clusterService.clusterIdentity = identity
  return () => {
    clusterService.clusterIdentity = saved
  }
}

async function failure(p: Promise<unknown>): Promise<KctlError> {
  try {
    await p
  } catch (error) {
    expect(error).to.be.instanceOf(KctlError)
    return error as KctlError
  }
  throw new Error('expected a KctlError')
}

describe('safety: confirmation and the mutation guard', () => {
  const restores: (() => void)[] = []
  let asked: string[]
  let savedConfig: string | undefined

  beforeEach(() => {
    asked = []
    savedConfig = process.env.KCTL_CONFIG
    process.env.KCTL_CONFIG = join(mkdtempSync(join(tmpdir(), 'kctl-safety-')), 'config.yaml')
    const tty = {stdin: process.stdin.isTTY, stdout: process.stdout.isTTY}
    process.stdin.isTTY = true
    process.stdout.isTTY = true
    restores.push(() => {
      process.stdin.isTTY = tty.stdin
      process.stdout.isTTY = tty.stdout
      if (savedConfig === undefined) delete process.env.KCTL_CONFIG
      else process.env.KCTL_CONFIG = savedConfig
    })
  })
  afterEach(() => {
    while (restores.length > 0) restores.pop()!()
  })

  describe('confirmChange', () => {
    it('--yes skips the question, even without a terminal', async () => {
      process.stdin.isTTY = false
      restores.push(setPrompter(person({}, asked)))
      await confirmChange('Delete 3 topics?', {yes: true})
      expect(asked).to.deep.equal([])
    })

    it('refuses without a terminal or with JSON output (exit 2, CONFIRMATION_REQUIRED), asking nobody', async () => {
      restores.push(setPrompter(person({confirm: true}, asked)))
      const json = await failure(confirmChange('Delete?', {json: true}))
      expect(json).to.include({exitCode: ExitCode.usage, code: 'CONFIRMATION_REQUIRED'})
      process.stdout.isTTY = false
      const piped = await failure(confirmChange('Delete?'))
      expect(piped.code).to.equal('CONFIRMATION_REQUIRED')
      expect(piped.hint).to.match(/--yes/)
      expect(asked).to.deep.equal([])
    })

    it('goes on after a yes; a no or Ctrl-C is cancelled (exit 130)', async () => {
      restores.push(setPrompter(person({confirm: true}, asked)))
      await confirmChange('Delete?')
      restores.push(setPrompter(person({confirm: false}, asked)))
      expect((await failure(confirmChange('Delete?'))).exitCode).to.equal(ExitCode.cancelled)
      restores.push(setPrompter(person({abort: true}, asked)))
      expect((await failure(confirmChange('Delete?'))).exitCode).to.equal(ExitCode.cancelled)
      expect(asked).to.deep.equal(['Delete?', 'Delete?', 'Delete?'])
    })

    it('a typed confirmation needs exactly that text (surrounding blanks aside)', async () => {
      restores.push(setPrompter(person({input: ' prod '}, asked)))
      await confirmChange('Delete?', {typed: 'prod'})
      expect(asked).to.deep.equal(['Delete? Type prod to confirm:'])
      restores.push(setPrompter(person({input: 'yes'}, asked)))
      const e = await failure(confirmChange('Delete?', {typed: 'prod'}))
      expect(e).to.include({exitCode: ExitCode.cancelled, message: 'Cancelled: the confirmation did not match'})
    })
  })

  describe('MutationGuard', () => {
    let connects: number
    let confirmations: {question: string; options: {yes?: boolean; typed?: string}}[]

    const guardFor = (spec: Partial<ConnectionSpec>) =>
      new MutationGuard({
        spec: () => ({brokers: ['10.1.1.1:9092'], source: 'flag', readOnly: false, protected: false, ...spec}) as never,
        connect: async () => (connects++, {} as KafkaConnection),
        confirm: async (question, options) => {
          confirmations.push({question, options})
        },
      })

    beforeEach(() => {
      connects = 0
      confirmations = []
    })

    it('a read-only context refuses (exit 2, READ_ONLY_CONTEXT) before connecting or asking', async () => {
      const e = await failure(guardFor({contextName: 'prod', readOnly: true}).check('Delete?', {yes: true}))
      expect(e).to.include({
        exitCode: ExitCode.usage,
        code: 'READ_ONLY_CONTEXT',
        message: 'Context prod is read-only: refusing to change the cluster',
      })
      expect([connects, confirmations.length]).to.deep.equal([0, 0])
    })

    it('a protected context asks for its name to be typed, passing --yes on', async () => {
      await guardFor({contextName: 'prod', protected: true}).check('Delete 3 topics?', {yes: true})
      expect(confirmations).to.deep.equal([
        {question: 'Delete 3 topics? Context prod is protected.', options: {yes: true, typed: 'prod'}},
      ])
    })

    it('an unguarded context confirms only destructive changes', async () => {
      await guardFor({contextName: 'dev'}).check('Create topic t?')
      expect(confirmations).to.deep.equal([])
      await guardFor({contextName: 'dev'}).check('Delete topic t?', {destructive: true, yes: false})
      expect(confirmations).to.deep.equal([{question: 'Delete topic t?', options: {yes: false}}])
      expect(connects).to.equal(0)
    })

    it('without a context and without guarded contexts in the config file: no connection, no question', async () => {
      saveConfig({contexts: {dev: {bootstrapServers: ['10.1.1.1:9092']}}})
      restores.push(
        identityIs(async () => {
          throw new Error('not asked: no guarded context')
        }),
      )
      await guardFor({}).check('Create topic t?')
      expect([connects, confirmations.length]).to.deep.equal([0, 0])
    })

    it("guards follow the cluster: -b to a read-only context's cluster id refuses; asked once per command", async () => {
      saveConfig({contexts: {prod: {bootstrapServers: ['prod-lb.example:9093'], readOnly: true, clusterId: 'PROD'}}})
      let identities = 0
      restores.push(
        identityIs(async () => (identities++, {clusterId: 'PROD', brokers: [{host: '10.1.1.1', port: 9092}]})),
      )
      const guard = guardFor({})
      for (let i = 0; i < 2; i++) {
        const e = await failure(guard.check('Create topic t?', {yes: true}))
        expect(e).to.include({
          code: 'READ_ONLY_CONTEXT',
          message: '10.1.1.1:9092 is the cluster of read-only context prod (same cluster id): refusing to change it',
        })
        expect(e.hint).to.match(/kctl context set prod --no-read-only/)
      }
      expect([connects, identities]).to.deep.equal([1, 1])
    })

    it("-b to a protected context's brokers asks for that context's name", async () => {
      saveConfig({contexts: {prod: {bootstrapServers: ['10.1.1.1:9092'], protected: true}}})
      restores.push(identityIs(async () => ({clusterId: 'X', brokers: [{host: '10.1.1.1', port: 9092}]})))
      await guardFor({}).check('Create topic t?')
      expect(confirmations).to.deep.equal([
        {
          question: 'Create topic t? This is the cluster of protected context prod (same brokers).',
          options: {yes: undefined, typed: 'prod'},
        },
      ])
    })
  })
})
