import {expect} from 'chai'

import {KctlError} from '../../../src/errors.js'
import {parseControllerEndpoint, parseDirectoryId} from '../../../src/input/quorum.js'

describe('input: KRaft directory ids and controller endpoints', () => {
  it('accepts a directory id exactly as Kafka prints it, nothing else', () => {
    expect(parseDirectoryId('mfy4aOA3IbXgWby4n5-uFw')).to.equal('mfy4aOA3IbXgWby4n5-uFw')
    for (const bad of [
      '',
      'abc',
      'mfy4aOA3IbXgWby4n5-uFw=',
      'mfy4aOA3IbXgWby4n5+uFw',
      'AAAAAAAAAAAAAAAAAAAAAA',
      'mfy4aOA3IbXgWby4n5-uFx',
    ])
      expect(() => parseDirectoryId(bad), bad).to.throw(KctlError, /not a Kafka directory id/)
  })

  it('reads NAME://host:port (IPv6 in brackets), ports 1 to 65535', () => {
    expect(parseControllerEndpoint('CONTROLLER://ctrl-3.example.com:9093')).to.deep.equal({
      name: 'CONTROLLER',
      host: 'ctrl-3.example.com',
      port: 9093,
    })
    expect(parseControllerEndpoint('CONTROLLER://[::1]:9093')).to.deep.equal({
      name: 'CONTROLLER',
      host: '::1',
      port: 9093,
    })
    for (const bad of [
      '127.0.0.1:9093',
      'CONTROLLER://h',
      'CONTROLLER://h:0',
      'CONTROLLER://h:65536',
      'CONTROLLER://:1',
      '://h:1',
    ])
      expect(() => parseControllerEndpoint(bad), bad).to.throw(KctlError, /not NAME:\/\/host:port/)
  })
})
