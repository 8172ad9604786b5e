import {expect} from 'chai'

import {KctlError} from '../../../src/errors.js'
import {parseEntityType, resolveEntity} from '../../../src/flags/configs.js'
import {toJson} from '../../../src/output/json.js'

describe('config entity resolution', () => {
  it("TYPE NAME rest, Kafka's --entity-type/--entity-name, and --default", () => {
    expect(resolveEntity(['topic', 'orders', 'a=1', 'b=2'], {})).to.deep.equal({
      type: 'topic',
      name: 'orders',
      rest: ['a=1', 'b=2'],
    })
    expect(resolveEntity(['a=1'], {'entity-type': 'topics', 'entity-name': 'orders'})).to.deep.equal({
      type: 'topic',
      name: 'orders',
      rest: ['a=1'],
    })
    expect(resolveEntity(['broker', 'a=1'], {default: true})).to.deep.equal({type: 'broker', name: '', rest: ['a=1']})
    expect(resolveEntity(['brokers'], {}, {nameOptional: true})).to.deep.equal({
      type: 'broker',
      name: undefined,
      rest: [],
    })
    expect(() => resolveEntity(['topic', 'a=1'], {})).to.throw(KctlError, /Missing the topic name/)
    expect(() => resolveEntity([], {})).to.throw(KctlError, /Missing the entity TYPE/)
    expect(() => resolveEntity(['topic', 'a=1'], {default: true})).to.throw(
      KctlError,
      /--default applies to brokers, users, clients and ips/,
    )
  })

  it("Kafka's plural entity types, quota types, and unknown types", () => {
    expect(parseEntityType('broker-loggers')).to.equal('broker-logger')
    expect(['users', 'clients', 'ips'].map(parseEntityType)).to.deep.equal(['user', 'client', 'ip'])
    expect(resolveEntity(['user', 'a=1'], {default: true})).to.deep.equal({type: 'user', name: '', rest: ['a=1']})
    expect(() => parseEntityType('widget')).to.throw(KctlError, /Unknown config entity type/)
  })

  it('JSON keeps bigint offsets as integer literals', () => {
    expect(toJson({offset: 9007199254740993n, list: [-1n]}, 0)).to.equal('{"offset":9007199254740993,"list":[-1]}')
  })
})
