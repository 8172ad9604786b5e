import {expect} from 'chai'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {
  checkQuotaKeysForEntity,
  formatQuotaEntity,
  parseQuotaValues,
  validateQuotaEntity,
} from '../../../../src/admin/security/quotas.js'
import {quotaEntityFromFlags} from '../../../../src/flags/quotas.js'
import {parseIterations, parseMechanism} from '../../../../src/flags/users.js'
import {readSecret} from '../../../../src/input/password.js'
import {expectUsageError} from '../../../helpers/usage.js'

const exit2 = expectUsageError

describe('quota and user input', () => {
  it('parses key=value quotas (known keys, positive numbers, - or _)', () => {
    expect(parseQuotaValues(['producer_byte_rate=1048576', 'request-percentage=12.5'])).to.deep.equal({
      producer_byte_rate: 1_048_576,
      request_percentage: 12.5,
    })
    for (const bad of [
      ['producer_byte_rate'],
      ['producer_byte_rate='],
      ['producer_byte_rate=-1'],
      ['producer_byte_rate=abc'],
      ['fetch_rate=1'],
      [],
    ])
      exit2(() => parseQuotaValues(bad))
  })

  it('builds entities from flags; null is the default entity', () => {
    expect(quotaEntityFromFlags({user: 'alice', 'client-default': true}, {requireOne: true})).to.deep.equal({
      user: 'alice',
      clientId: null,
    })
    expect(formatQuotaEntity({user: 'alice', clientId: null})).to.equal('user=alice, client-id=<default>')
    exit2(() => quotaEntityFromFlags({user: 'a', 'user-default': true}, {requireOne: true}))
    exit2(() => quotaEntityFromFlags({}, {requireOne: true}))
    exit2(() => validateQuotaEntity({ip: 'not-an-ip'}, {requireOne: true}))
    exit2(() => validateQuotaEntity({ip: '10.0.0.1', user: 'a'}, {requireOne: true}))
    exit2(() => validateQuotaEntity({user: ''}, {requireOne: true}))
  })

  it('keeps connection_creation_rate for IP entities only', () => {
    checkQuotaKeysForEntity({ip: null}, ['connection_creation_rate'])
    exit2(() => checkQuotaKeysForEntity({ip: '10.0.0.1'}, ['producer_byte_rate']))
    exit2(() => checkQuotaKeysForEntity({user: 'a'}, ['connection_creation_rate']))
  })

  it('validates SCRAM mechanisms and iterations (4096..16384)', () => {
    expect(parseMechanism('scram-sha-256')).to.equal('SCRAM-SHA-256')
    expect(parseIterations('4096')).to.equal(4096)
    for (const bad of ['4095', '16385', '4096.5', 'many', '']) exit2(() => parseIterations(bad))
    exit2(() => parseMechanism('PLAIN'))
  })

  it('reads a password from the first line of a file or from stdin, never empty', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kctl-pw-'))
    writeFileSync(join(dir, 'pw'), 's3cret pass\nignored\n')
    expect(readSecret({file: join(dir, 'pw')})).to.equal('s3cret pass')
    expect(readSecret({stdin: true}, () => 'from-stdin\n')).to.equal('from-stdin')
    expect(readSecret({})).to.equal(undefined)
    exit2(() => readSecret({stdin: true}, () => '\n'))
    exit2(() => readSecret({file: join(dir, 'missing')}))
    exit2(() => readSecret({file: join(dir, 'pw'), stdin: true}))
  })
})
