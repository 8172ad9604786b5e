import {expect} from 'chai'

import {KctlError} from '../../../src/errors.js'
import {requireId, requireIds} from '../../../src/input/ids.js'
import {
  INT16_MAX,
  INT32_MAX,
  INT64_MAX,
  NUMBER_RULES,
  checkIntegerRange,
  parseInt64,
  parseInteger,
} from '../../../src/input/numbers.js'

function usage(fn: () => unknown): KctlError {
  try {
    fn()
  } catch (error) {
    expect(error).to.be.instanceOf(KctlError)
    expect((error as KctlError).exitCode).to.equal(2)
    expect((error as KctlError).hint)
      .to.be.a('string')
      .and.not.equal('')
    return error as KctlError
  }
  throw new Error('no usage error')
}

describe("numbers within Kafka's ranges", () => {
  it('accepts the whole int32 / int16 range and nothing outside', () => {
    expect(parseInteger('6', '--partitions', NUMBER_RULES.partitionCount)).to.equal(6)
    expect(parseInteger(String(INT32_MAX), '--partitions', NUMBER_RULES.partitionCount)).to.equal(INT32_MAX)
    expect(parseInteger(' 0 ', '--partition', NUMBER_RULES.partitionId)).to.equal(0)
    expect(parseInteger(String(INT16_MAX), '--replication-factor', NUMBER_RULES.replicationFactor)).to.equal(INT16_MAX)
    expect(usage(() => parseInteger('99999999999', '--partitions', NUMBER_RULES.partitionCount)).message).to.equal(
      'Invalid --partitions "99999999999": above 2147483647, the largest partition count Kafka accepts (int32)',
    )
    expect(
      usage(() => parseInteger(String(INT16_MAX + 1), '--replication-factor', NUMBER_RULES.replicationFactor)).message,
    ).to.match(/above 32767, the largest replication factor Kafka accepts \(int16\)/)
    expect(usage(() => parseInteger('0', '--partitions', NUMBER_RULES.partitionCount)).message).to.match(
      /must be at least 1/,
    )
    expect(usage(() => parseInteger('-1', '--broker', NUMBER_RULES.brokerId)).message).to.match(/must be at least 0/)
    for (const bad of ['', 'x', '1.5', '1e3', '0x10', '--1'])
      expect(usage(() => parseInteger(bad, '--partitions', NUMBER_RULES.partitionCount)).code, bad).to.equal(
        'INVALID_NUMBER',
      )
  })

  it('a narrower rule keeps its own maximum; a number already parsed is checked the same way', () => {
    expect(usage(() => parseInteger('101', '--percent', {what: 'percentage', min: 0, max: 100})).message).to.match(
      /must be at most 100/,
    )
    expect(checkIntegerRange(3, '--replication-factor', NUMBER_RULES.replicationFactor)).to.equal(3)
    expect(
      usage(() => checkIntegerRange(99_999_999_999, '--partitions', NUMBER_RULES.partitionCount)).message,
    ).to.match(/above 2147483647/)
    expect(usage(() => checkIntegerRange(1.5, '--partitions', NUMBER_RULES.partitionCount)).message).to.match(
      /not a whole number/,
    )
  })

  it('positional values get a plain example in the hint', () => {
    expect(usage(() => parseInteger('x', 'broker id', NUMBER_RULES.brokerId)).hint).to.match(/e\.g\. 1\.$/)
    expect(usage(() => parseInteger('x', '--broker', NUMBER_RULES.brokerId)).hint).to.match(/e\.g\. --broker 1\.$/)
  })

  it('int64 values (offsets, lag) as bigint, up to 2^63-1', () => {
    expect(parseInt64(String(INT64_MAX), '--before-offset', {what: 'offset'})).to.equal(INT64_MAX)
    expect(usage(() => parseInt64('9223372036854775808', '--before-offset', {what: 'offset'})).message).to.match(
      /the 64-bit limit/,
    )
    expect(usage(() => parseInt64('-1', '--max-lag', {what: 'lag threshold'})).message).to.match(/must be at least 0/)
    expect(parseInt64('-5', '--shift', {what: 'shift', min: -10n})).to.equal(-5n)
  })
})

describe('non-empty ids', () => {
  it('refuses empty and blank ids, naming the flag', () => {
    expect(requireId('billing', 'group', '--group')).to.equal('billing')
    expect(requireId(' a b ', 'group', '--group')).to.equal(' a b ')
    const e = usage(() => requireId('', 'group', '--group'))
    expect(e).to.include({code: 'EMPTY_ID', message: 'Empty group for --group'})
    expect(e.hint).to.equal('Pass a non-empty group, e.g. --group billing.')
    expect(usage(() => requireId('  ', 'transactional id', '--transactional-id')).message).to.equal(
      'Empty transactional id for --transactional-id',
    )
    expect(usage(() => requireIds(['a', ''], 'group', 'GROUP')).message).to.equal('Empty group (GROUP)')
  })
})
