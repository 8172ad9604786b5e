import {expect} from 'chai'

import {
  overridesPatch,
  parseOverridesFile,
  renderOverridesFile,
  sameOverrides,
} from '../../../../src/admin/configs/config-edit.js'
import {validateConfigChanges, validateEntity} from '../../../../src/admin/configs/configs.js'
import {KctlError} from '../../../../src/errors.js'
import type {DescribedConfig} from '../../../../src/protocol/describe-configs.js'

const cfg = (name: string, value: string | null, isSensitive = false): DescribedConfig => ({
  name,
  value,
  readOnly: false,
  configSource: 1,
  isSensitive,
  synonyms: [],
  configType: 0,
  documentation: null,
})

describe('configs edit: file and minimal patch', () => {
  const before = [cfg('retention.ms', '1000'), cfg('segment.ms', '2000'), cfg('ssl.key.password', null, true)]

  it('renders the non-sensitive overrides and names the sensitive ones in a comment', () => {
    const text = renderOverridesFile({type: 'topic', name: 'orders'}, before)
    expect(text).to.match(/^# Config overrides of topic orders\./)
    expect(text).to.include('# Sensitive overrides are not shown and stay unchanged: ssl.key.password')
    expect(text.split('\n').filter((l) => !l.startsWith('#') && l !== '')).to.deep.equal([
      'retention.ms=1000',
      'segment.ms=2000',
    ])
  })

  it('patch: changed -> set, removed -> delete, added -> set; unchanged keys and sensitive ones untouched', () => {
    const edited = parseOverridesFile('# comment\nretention.ms=5000\n\nmax.message.bytes=10\n')
    expect(overridesPatch(before, edited)).to.deep.equal([
      {key: 'max.message.bytes', operation: 'set', value: '10'},
      {key: 'retention.ms', operation: 'set', value: '5000'},
      {key: 'segment.ms', operation: 'delete', value: null},
    ])
    expect(overridesPatch(before, parseOverridesFile('retention.ms=1000\nsegment.ms=2000'))).to.deep.equal([])
    expect(() => overridesPatch(before, parseOverridesFile('ssl.key.password=x'))).to.throw(KctlError, /sensitive/)
    expect(() => parseOverridesFile('a=1\na=2')).to.throw(KctlError, /set twice/)
    expect(() => parseOverridesFile('garbage')).to.throw(KctlError, /line 1/)
  })

  it('detects a concurrent change', () => {
    expect(sameOverrides(before, [...before].reverse())).to.equal(true)
    expect(sameOverrides(before, [cfg('retention.ms', '1001'), before[1], before[2]])).to.equal(false)
  })

  it('validates keys per entity type, logger levels, and broker ids', () => {
    validateConfigChanges({type: 'topic', name: 't'}, [{key: 'retention.ms', operation: 'set', value: '1'}])
    validateConfigChanges({type: 'broker', name: '1'}, [
      {key: 'listener.name.internal.ssl.keystore.location', operation: 'set', value: 'x'},
    ])
    validateConfigChanges({type: 'broker-logger', name: '1'}, [
      {key: 'kafka.server.KafkaApis', operation: 'set', value: 'debug'},
    ])
    expect(() =>
      validateConfigChanges({type: 'topic', name: 't'}, [{key: 'log.retention.hours', operation: 'set', value: '1'}]),
    ).to.throw(KctlError, /Unknown topic config key/)
    expect(() =>
      validateConfigChanges({type: 'broker-logger', name: '1'}, [{key: 'x', operation: 'set', value: 'LOUD'}]),
    ).to.throw(KctlError, /Invalid log level/)
    expect(() => validateEntity({type: 'broker', name: '7'}, [1, 2, 3])).to.throw(
      KctlError,
      /Broker 7 is not in the cluster/,
    )
    expect(() => validateEntity({type: 'broker-logger', name: ''}, [1])).to.throw(KctlError, /Invalid broker id/)
    validateEntity({type: 'broker', name: ''}, [1])
  })
})
