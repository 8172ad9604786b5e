import {expect} from 'chai'

import {
  assertUniqueKeys,
  parseConfigAssignment,
  parseKafkaConfigList,
  parseKeyList,
} from '../../../src/input/config-entries.js'
import {KctlError} from '../../../src/errors.js'

const usage = (fn: () => unknown, pattern: RegExp) => {
  try {
    fn()
  } catch (error) {
    expect(error).to.be.instanceOf(KctlError)
    expect((error as KctlError).exitCode).to.equal(2)
    expect((error as KctlError).message).to.match(pattern)
    return
  }
  expect.fail('expected a usage error')
}

describe('config entry parsers', () => {
  it('key=value splits on the first = and keeps empty values', () => {
    expect(parseConfigAssignment('retention.ms=1000')).to.deep.equal({key: 'retention.ms', value: '1000'})
    expect(parseConfigAssignment('sasl.jaas.config=a=b')).to.deep.equal({key: 'sasl.jaas.config', value: 'a=b'})
    expect(parseConfigAssignment('k=')).to.deep.equal({key: 'k', value: ''})
    usage(() => parseConfigAssignment('novalue'), /expected key=value/)
    usage(() => parseConfigAssignment('=1'), /expected key=value/)
  })

  it('kafka-configs --add-config: commas separate entries, brackets hold list values', () => {
    expect(parseKafkaConfigList('a=1,b=[x,y],c=3')).to.deep.equal([
      {key: 'a', value: '1'},
      {key: 'b', value: 'x,y'},
      {key: 'c', value: '3'},
    ])
    expect(parseKafkaConfigList('cleanup.policy=[compact,delete]')).to.deep.equal([
      {key: 'cleanup.policy', value: 'compact,delete'},
    ])
    expect(parseKafkaConfigList('a=1')).to.deep.equal([{key: 'a', value: '1'}])
    usage(() => parseKafkaConfigList('a=[1,2'), /unclosed \[/)
    usage(() => parseKafkaConfigList('a=1,b'), /"b" is not key=value/)
    usage(() => parseKafkaConfigList('a=[1]x'), /expected ','/)
  })

  it('--delete-config key lists and duplicate keys', () => {
    expect(parseKeyList('a, b,,c')).to.deep.equal(['a', 'b', 'c'])
    assertUniqueKeys(['a', 'b'])
    usage(() => assertUniqueKeys(['a', 'b', 'a']), /a is given more than once/)
  })
})
