import {expect} from 'chai'

import {kctl} from '../helpers/cli.js'
import {uniqueName} from '../helpers/poll.js'

const L = ['--context', 'local']

/** Everything the security commands could change, as kctl reads it. */
async function snapshot(): Promise<string> {
  const parts = await Promise.all([
    kctl(['acls', 'list', ...L, '--json']),
    kctl(['users', 'list', ...L, '--json']),
    kctl(['quotas', 'describe', ...L, '--json']),
  ])
  for (const p of parts) expect(p.code, p.stderr).to.equal(0)
  return parts.map((p) => p.stdout).join('\n')
}

describe('security commands reject bad input with exit 2 and change nothing', function () {
  this.timeout(300_000) // 40 kctl processes at once

  it('rejects 41 bad inputs before any change @smoke', async () => {
    const u = uniqueName('bad')
    const t = uniqueName('bad-topic')
    const ok = ['--allow-principal', `User:${u}`]
    const cases: [string, string[], RegExp][] = [
      [
        'principal without a type',
        ['acls', 'create', '--allow-principal', u, '--operation', 'read', '--topic', t],
        /Invalid principal/,
      ],
      [
        'mis-cased principal type',
        ['acls', 'create', '--allow-principal', `user:${u}`, '--operation', 'read', '--topic', t],
        /case-sensitive/,
      ],
      [
        'principal without a name',
        ['acls', 'create', '--allow-principal', 'User:', '--operation', 'read', '--topic', t],
        /Invalid principal/,
      ],
      ['unknown operation', ['acls', 'create', ...ok, '--operation', 'reed', '--topic', t], /Unknown operation "reed"/],
      [
        'operation not valid for the resource',
        ['acls', 'create', ...ok, '--operation', 'write', '--group', t],
        /WRITE does not apply to GROUP/,
      ],
      [
        'unknown pattern type',
        ['acls', 'create', ...ok, '--operation', 'read', '--topic', t, '--resource-pattern-type', 'regex'],
        /Unknown pattern type/,
      ],
      [
        'match pattern on create',
        ['acls', 'create', ...ok, '--operation', 'read', '--topic', t, '--resource-pattern-type', 'match'],
        /Unknown pattern type "match"/,
      ],
      ['empty topic name', ['acls', 'create', ...ok, '--operation', 'read', '--topic', ''], /Empty resource name/],
      [
        'illegal topic name',
        ['acls', 'create', ...ok, '--operation', 'read', '--topic', 'no spaces!'],
        /Invalid topic name/,
      ],
      ['empty group name', ['acls', 'create', ...ok, '--operation', 'read', '--group', ' '], /Empty resource name/],
      [
        'host name instead of IP',
        ['acls', 'create', ...ok, '--allow-host', 'localhost', '--operation', 'read', '--topic', t],
        /Invalid host/,
      ],
      ['--producer without --topic', ['acls', 'create', ...ok, '--producer'], /--producer needs --topic/],
      [
        '--consumer without --group',
        ['acls', 'create', ...ok, '--consumer', '--topic', t],
        /--consumer needs --topic and --group/,
      ],
      [
        '--idempotent without --producer',
        ['acls', 'create', ...ok, '--idempotent', '--operation', 'write', '--topic', t],
        /--idempotent needs --producer/,
      ],
      [
        '--operation with --producer',
        ['acls', 'create', ...ok, '--producer', '--operation', 'read', '--topic', t],
        /cannot be combined/,
      ],
      ['no principal', ['acls', 'create', '--operation', 'read', '--topic', t], /No principal/],
      ['no resource', ['acls', 'create', ...ok, '--operation', 'read'], /No resource/],
      ['no operation', ['acls', 'create', ...ok, '--topic', t], /No operation/],
      [
        'prefixed cluster',
        ['acls', 'create', ...ok, '--operation', 'alter', '--cluster', '--resource-pattern-type', 'prefixed'],
        /--cluster cannot be prefixed/,
      ],
      [
        '--resource-name without --resource-type',
        ['acls', 'create', ...ok, '--operation', 'read', '--resource-name', t],
        /--resource-name needs --resource-type/,
      ],
      [
        'unknown resource type',
        ['acls', 'create', ...ok, '--operation', 'read', '--resource-type', 'queue', '--resource-name', t],
        /Unknown resource type/,
      ],
      ['unknown permission filter', ['acls', 'list', '--permission', 'maybe'], /Unknown permission/],
      ['malformed principal filter', ['acls', 'list', '--principal', 'nobody'], /Invalid principal/],
      ['delete matching everything without --all', ['acls', 'delete', '--yes'], /matches every ACL binding/],
      [
        'delete with an unknown operation',
        ['acls', 'delete', '--operation', 'destroy', '--topic', t, '--yes'],
        /Unknown operation/,
      ],
      [
        'check with a malformed principal',
        ['acls', 'check', u, '--operation', 'read', '--topic', t],
        /Invalid principal/,
      ],
      [
        'check with operation all',
        ['acls', 'check', `User:${u}`, '--operation', 'all', '--topic', t],
        /one concrete operation/,
      ],
      ['check without a resource', ['acls', 'check', `User:${u}`, '--operation', 'read'], /exactly one named resource/],
      [
        'check of the * resource',
        ['acls', 'check', `User:${u}`, '--operation', 'read', '--topic', '*'],
        /exactly one named resource/,
      ],
      [
        'iterations below the minimum',
        ['users', 'create', u, '--iterations', '4095', '--password-stdin'],
        /Invalid --iterations 4095/,
      ],
      [
        'iterations above the maximum',
        ['users', 'create', u, '--iterations', '20000', '--password-stdin'],
        /Invalid --iterations 20000/,
      ],
      [
        'non-SCRAM mechanism',
        ['users', 'create', u, '--mechanism', 'PLAIN', '--password-stdin'],
        /Unknown SCRAM mechanism/,
      ],
      ['no password source off a TTY', ['users', 'create', u], /No password given/],
      [
        'unreadable password file',
        ['users', 'create', u, '--password-file', '/nonexistent/pw'],
        /Cannot read --password-file/,
      ],
      ['unknown quota key', ['quotas', 'set', '--user', u, 'fetch_rate=1'], /Unknown quota "fetch_rate"/],
      ['negative quota', ['quotas', 'set', '--user', u, 'producer_byte_rate=-5'], /Invalid quota/],
      ['quota without an entity', ['quotas', 'set', 'producer_byte_rate=1'], /No quota entity/],
      [
        'IP quota with a bad address',
        ['quotas', 'set', '--ip', 'not-an-ip', 'connection_creation_rate=1'],
        /Invalid IP address/,
      ],
      [
        'connection quota on a user',
        ['quotas', 'set', '--user', u, 'connection_creation_rate=1'],
        /cannot be set on a user/,
      ],
      ['quota delete without keys or --all', ['quotas', 'delete', '--user', u, '--yes'], /No quota key given/],
    ]
    expect(cases.length).to.be.at.least(20)
    const before = await snapshot()
    const results = await Promise.all(cases.map(([, args]) => kctl([...args, ...L], {input: 'a-password\n'})))
    const failures = results.flatMap((r, i) => {
      const [name, , message] = cases[i]
      const lines = r.stderr.trim().split('\n')
      const good =
        r.code === 2 &&
        /^Error: /.test(lines[0]) &&
        message.test(lines[0]) &&
        lines.every((l) => /^(Error|Hint): /.test(l)) &&
        r.stdout === ''
      return good ? [] : [`${name}: exit ${r.code}, stderr ${JSON.stringify(r.stderr)}`]
    })
    expect(failures).to.deep.equal([])
    // With --json the same failures are a JSON error object with a stable code.
    const json = await kctl([
      'acls',
      'create',
      '--allow-principal',
      u,
      '--operation',
      'read',
      '--topic',
      t,
      ...L,
      '--json',
    ])
    expect(json.code).to.equal(2)
    expect(json.json().error).to.deep.include({code: 'INVALID_PRINCIPAL', exitCode: 2})
    expect(await snapshot()).to.equal(before)
  })
})
