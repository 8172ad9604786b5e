import {expect} from 'chai'
import {mock} from 'node:test'

import {aclsService} from '../../src/admin/security/acls.js'
import AclsDelete from '../../src/commands/acls/delete.js'
import type {AclBinding} from '../../src/input/acl.js'
import {type Prompter, setPrompter} from '../../src/prompts/prompter.js'
import {fakePrompter} from '../helpers/prompter.js'
import {FIXTURES} from './fixtures.js'
import {replace, runCmd, withoutBroker} from './helpers.js'

const binding: AclBinding = FIXTURES.acl
/** Takes a minute to say yes: far past --timeout 1s. */
function slowPerson(asked: string[]): Prompter {
  return fakePrompter({
    async confirm(message) {
      asked.push(message)
      mock.timers.tick(60_000)
      return true
    },
  })
}

/**
 * --timeout bounds kctl's work, not a person at a prompt. Time is Node's mock clock: a minute
 * passes inside a fake prompt, or inside a fake service call.
 */
describe('the --timeout deadline and prompts', () => {
  const restores: (() => void)[] = []
  let exits: (number | undefined)[] = []

  beforeEach(() => {
    exits = []
    mock.timers.enable({apis: ['setTimeout']})
    const exit = process.exit
    // The deadline ends the process: record it instead (and stop the command where it is).
    process.exit = ((code?: number) => {
      exits.push(code)
      throw new Error('process.exit')
    }) as never
    const tty = {stdin: process.stdin.isTTY, stdout: process.stdout.isTTY}
    process.stdin.isTTY = true
    process.stdout.isTTY = true
    restores.push(withoutBroker(), () => {
      process.exit = exit
      process.stdin.isTTY = tty.stdin
      process.stdout.isTTY = tty.stdout
      mock.timers.reset()
    })
  })
  afterEach(() => {
    while (restores.length > 0) restores.pop()!()
    process.exitCode = undefined
  })

  it('does not run while a person answers a confirmation', async () => {
    const deleted: AclBinding[][] = []
    restores.push(
      replace(aclsService, {
        listAcls: async () => [binding],
        deleteAcls: async (_c: unknown, b: AclBinding[]) => (deleted.push(b), b),
      }),
    )
    const asked: string[] = []
    restores.push(setPrompter(slowPerson(asked)))
    const r = await runCmd(AclsDelete, ['--principal', 'User:alice', '--timeout', '1s', '-b', 'x:9092'])
    expect(asked).to.have.length(1)
    expect(exits, r.stderr).to.deep.equal([])
    expect(deleted).to.deep.equal([[binding]])
    expect(r.exitCode).to.equal(0)
  })

  it('still ends a command whose own work runs past --timeout (exit 1 once connected)', async () => {
    restores.push(
      replace(aclsService, {
        async listAcls() {
          mock.timers.tick(60_000) // a broker that takes a minute
          return [binding]
        },
      }),
    )
    const r = await runCmd(AclsDelete, ['--principal', 'User:alice', '--timeout', '1s', '--yes', '-b', 'x:9092'])
    expect(exits).to.deep.equal([1])
    expect(r.stderr).to.match(/^Error: Timed out after 1000ms$/m)
  })

  it('runs again once the person has answered', async () => {
    restores.push(
      replace(aclsService, {
        listAcls: async () => [binding],
        async deleteAcls() {
          mock.timers.tick(60_000) // the deletion itself hangs
          return [binding]
        },
      }),
      setPrompter(slowPerson([])),
    )
    const r = await runCmd(AclsDelete, ['--principal', 'User:alice', '--timeout', '1s', '-b', 'x:9092'])
    expect(exits).to.deep.equal([1])
    expect(r.stderr).to.match(/^Error: Timed out after 1000ms$/m)
  })
})
