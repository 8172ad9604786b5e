import {expect} from 'chai'

import {BROKER_CONFIG_KEYS, TOPIC_CONFIG_KEYS} from '../../../src/admin/configs/config-keys.js'
import {closestMatch, editDistance} from '../../../src/input/did-you-mean.js'

describe('did you mean', () => {
  it('edit distance', () => {
    expect(editDistance('kitten', 'sitting')).to.equal(3)
    expect(editDistance('', 'abc')).to.equal(3)
    expect(editDistance('same', 'same')).to.equal(0)
  })

  it('suggests the known key for typos and fragments, nothing for unrelated words', () => {
    expect(closestMatch('retension.ms', TOPIC_CONFIG_KEYS)).to.equal('retention.ms')
    expect(closestMatch('cleanup.polcy', TOPIC_CONFIG_KEYS)).to.equal('cleanup.policy')
    expect(closestMatch('min.isr', TOPIC_CONFIG_KEYS)).to.equal(undefined)
    expect(closestMatch('log.retension.hours', BROKER_CONFIG_KEYS)).to.equal('log.retention.hours')
    expect(closestMatch('zzzzzzzz', TOPIC_CONFIG_KEYS)).to.equal(undefined)
  })

  it('knows the topic keys of Kafka 3.9 and 4.x', () => {
    for (const k of [
      'retention.ms',
      'cleanup.policy',
      'min.insync.replicas',
      'message.format.version',
      'remote.copy.lag.ms',
    ])
      expect(TOPIC_CONFIG_KEYS.has(k), k).to.equal(true)
    for (const k of ['log.retention.hours', 'num.network.threads', 'log.cleaner.threads'])
      expect(BROKER_CONFIG_KEYS.has(k), k).to.equal(true)
  })
})
