import {expect} from 'chai'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {aclsService} from '../../src/admin/security/acls.js'
import {quotasService} from '../../src/admin/security/quotas.js'
import {usersService} from '../../src/admin/security/users.js'
import AclsCheck from '../../src/commands/acls/check.js'
import AclsCreate from '../../src/commands/acls/create.js'
import AclsDelete from '../../src/commands/acls/delete.js'
import AclsList from '../../src/commands/acls/list.js'
import QuotasSet from '../../src/commands/quotas/set.js'
import UsersCreate from '../../src/commands/users/create.js'
import type {AclBinding} from '../../src/input/acl.js'
import {FIXTURES} from './fixtures.js'
import {B, replace, runCmd, withoutBroker} from './helpers.js'

const binding = (over: Partial<AclBinding>): AclBinding => ({...FIXTURES.acl, ...over})
const bindings = [binding({}), binding({operation: 'WRITE'}), binding({resourceType: 'GROUP', resourceName: 'billing'})]

describe('security commands (service replaced)', () => {
  const restores: (() => void)[] = []
  const calls: unknown[][] = []
  beforeEach(() => {
    restores.push(withoutBroker())
    calls.length = 0
  })
  afterEach(() => {
    while (restores.length > 0) restores.pop()!()
    process.exitCode = undefined
  })

  it('acls list --json is the service result; the table prints each resource once', async () => {
    restores.push(replace(aclsService, {listAcls: async (...a: unknown[]) => (calls.push(a), bindings)}))
    const json = await runCmd(AclsList, ['--json', '--principal', 'User:alice', ...B])
    expect(JSON.parse(json.stdout)).to.deep.equal({bindings})
    expect((calls[0][1] as {principals: string[]}).principals).to.deep.equal(['User:alice'])
    const table = (await runCmd(AclsList, B)).stdout.split('\n')
    expect(table[1]).to.match(/^TOPIC\s+orders\s+LITERAL\s+User:alice\s+\*\s+READ\s+ALLOW$/)
    expect(table[2]).to.match(/^\s+User:alice\s+\*\s+WRITE\s+ALLOW$/)
    expect(table[3]).to.match(/^GROUP\s+billing/)
  })

  it('acls check exits 3 on DENIED and 0 on ALLOWED, explaining the deciding binding', async () => {
    const denied = {
      request: {principal: 'User:alice', host: '*', operation: 'WRITE', resourceType: 'TOPIC', resourceName: 'orders'},
      decision: 'DENIED',
      reason: 'deny-binding',
      decidedBy: binding({permission: 'DENY', operation: 'WRITE'}),
      matching: [binding({permission: 'DENY', operation: 'WRITE'})],
      explanation: 'DENY binding ... overrides any ALLOW',
      superUsersKnown: false,
    }
    restores.push(replace(aclsService, {checkAccess: async () => denied as never}))
    const r = await runCmd(AclsCheck, ['User:alice', '--operation', 'write', '--topic', 'orders', ...B])
    expect(r.exitCode).to.equal(3)
    expect(r.stdout).to.match(/^Decision: DENIED$/m)
    expect(r.stdout).to.match(/^Because: {2}DENY binding/m)
    const json = await runCmd(AclsCheck, ['User:alice', '--operation', 'write', '--topic', 'orders', '--json', ...B])
    expect(JSON.parse(json.stdout)).to.deep.equal(denied)
    restores.push(replace(aclsService, {checkAccess: async () => ({...denied, decision: 'ALLOWED'}) as never}))
    expect(
      (await runCmd(AclsCheck, ['User:alice', '--operation', 'write', '--topic', 'orders', ...B])).exitCode,
    ).to.equal(0)
  })

  it('acls create --dry-run never calls the service; without it the expanded bindings are created', async () => {
    restores.push(replace(aclsService, {createAcls: async (...a: unknown[]) => (calls.push(a), a[1] as AclBinding[])}))
    const dry = await runCmd(AclsCreate, [
      '--allow-principal',
      'User:bob',
      '--consumer',
      '--topic',
      't',
      '--group',
      'g',
      '--dry-run',
      '--json',
      ...B,
    ])
    expect(JSON.parse(dry.stdout).created).to.have.length(3)
    expect(calls).to.have.length(0)
    const real = await runCmd(AclsCreate, [
      '--allow-principal',
      'User:bob',
      '--consumer',
      '--topic',
      't',
      '--group',
      'g',
      '--json',
      ...B,
    ])
    expect(calls).to.have.length(1)
    expect(JSON.parse(real.stdout)).to.deep.equal({dryRun: false, created: JSON.parse(dry.stdout).created})
  })

  it('acls delete refuses off a TTY without --yes, deletes exactly the matching bindings with it', async () => {
    restores.push(
      replace(aclsService, {
        listAcls: async () => bindings,
        deleteAcls: async (...a: unknown[]) => (calls.push(a), a[1] as AclBinding[]),
      }),
    )
    const refused = await runCmd(AclsDelete, ['--principal', 'User:alice', ...B])
    expect(refused.exitCode).to.equal(2)
    expect(calls).to.have.length(0)
    const r = await runCmd(AclsDelete, ['--principal', 'User:alice', '--yes', '--json', ...B])
    expect(calls[0][1]).to.deep.equal(bindings)
    expect(JSON.parse(r.stdout)).to.deep.equal({dryRun: false, deleted: bindings})
  })

  it('users create reads the password from a file, passes it to the service and never prints it', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kctl-users-')), 'pw')
    writeFileSync(file, 'very-secret\n')
    restores.push(
      replace(usersService, {
        describeUsers: async () => [],
        upsertScramCredential: async (...a: unknown[]) => {
          calls.push(a)
          const o = a[1] as {user: string; mechanism: 'SCRAM-SHA-256'; iterations: number}
          return {user: o.user, mechanism: o.mechanism, iterations: o.iterations, action: 'created' as const}
        },
      }),
    )
    const r = await runCmd(UsersCreate, [
      'carol',
      '--mechanism',
      'scram-sha-256',
      '--iterations',
      '8192',
      '--password-file',
      file,
      '--json',
      ...B,
    ])
    expect(JSON.parse(r.stdout)).to.deep.equal({
      user: 'carol',
      mechanism: 'SCRAM-SHA-256',
      iterations: 8192,
      action: 'created',
    })
    expect(calls[0][1]).to.deep.include({password: 'very-secret', action: 'created'})
    expect(r.stdout + r.stderr).not.to.include('very-secret')
  })

  it("quotas set sends one alteration and returns the entity's quotas", async () => {
    restores.push(
      replace(quotasService, {
        alterQuotas: async (...a: unknown[]) => void calls.push(a),
        settledEntityQuotas: async () => ({producer_byte_rate: 1024}),
      }),
    )
    const r = await runCmd(QuotasSet, ['--user', 'alice', 'producer_byte_rate=1024', '--json', ...B])
    expect(calls.map((c) => c.slice(1))).to.deep.equal([
      [{user: 'alice'}, {set: {producer_byte_rate: 1024}, validateOnly: false}],
    ])
    expect(JSON.parse(r.stdout)).to.deep.equal({
      entity: {user: 'alice'},
      dryRun: false,
      set: {producer_byte_rate: 1024},
      quotas: {producer_byte_rate: 1024},
    })
  })
})
