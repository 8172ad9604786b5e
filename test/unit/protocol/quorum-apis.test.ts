import {expect} from 'chai'

import {AddRaftVoterApi, encodeAddRaftVoter} from '../../../src/protocol/add-raft-voter.js'
import {encodeRemoveRaftVoter, uuidBytes} from '../../../src/protocol/remove-raft-voter.js'
import {decodeErrorOnlyResponse, encodeUnregisterBroker} from '../../../src/protocol/unregister-broker.js'
import {encodeUnregisterController} from '../../../src/protocol/unregister-controller.js'
import {negotiateVersion} from '../../../src/protocol/wire.js'
import {decodeAll, encodeHex} from './helpers.js'

/**
 * Bytes below were printed by Kafka 4.4's own serializers (test/unit/protocol/QuorumHex.java); each
 * response carries a non-empty unknown tagged field the decoder must skip.
 */
const KAFKA = {
  addRaftVoterRequestV0:
    '174245716c49377643526257737633555f734a38786167000075300000000299fcb868e03721b5e059bcb89f9fae17020b434f4e54524f4c4c45520a3132372e302e302e315a010000',
  addRaftVoterRequestV1:
    '174245716c49377643526257737633555f734a38786167000075300000000299fcb868e03721b5e059bcb89f9fae17020b434f4e54524f4c4c45520a3132372e302e302e315a01000100',
  addRaftVoterRequestV1NullCluster:
    '00000075300000000299fcb868e03721b5e059bcb89f9fae17020b434f4e54524f4c4c45520a3132372e302e302e315a01000100',
  addRaftVoterResponseV1: '000000010000000105020908',
  removeRaftVoterRequestV0: '174245716c49377643526257737633555f734a387861670000000299fcb868e03721b5e059bcb89f9fae1700',
  removeRaftVoterResponseV0: '00000000002a0c6e6f74206120766f7465720105020908',
  unregisterBrokerRequestV0: '0000000300',
  unregisterBrokerResponseV0:
    '0000000000452842726f6b65722049442033206973206e6f742063757272656e746c7920726567697374657265640105020908',
  unregisterControllerRequestV0: '0000000200',
  unregisterControllerResponseV0: '000000020000010105020908',
}

const DIR = 'mfy4aOA3IbXgWby4n5-uFw'
const CLUSTER = 'BEqlI7vCRbWsv3U_sJ8xag'

describe('protocol: AddRaftVoter (80) v0-v1', () => {
  const req = {
    clusterId: CLUSTER,
    timeoutMs: 30_000,
    voterId: 2,
    voterDirectoryId: uuidBytes(DIR),
    listeners: [{name: 'CONTROLLER', host: '127.0.0.1', port: 23_041}],
  }
  it('encodes exactly like Kafka (AckWhenCommitted from v1; a port above 32767)', async () => {
    expect(await encodeHex((e) => encodeAddRaftVoter(e, 0, req))).to.equal(KAFKA.addRaftVoterRequestV0)
    expect(await encodeHex((e) => encodeAddRaftVoter(e, 1, req))).to.equal(KAFKA.addRaftVoterRequestV1)
    expect(await encodeHex((e) => encodeAddRaftVoter(e, 1, {...req, clusterId: null}))).to.equal(
      KAFKA.addRaftVoterRequestV1NullCluster,
    )
  })

  it('decodes the response, skipping a tagged field', () => {
    expect(decodeAll(KAFKA.addRaftVoterResponseV1, decodeErrorOnlyResponse)).to.deep.equal({
      throttleTimeMs: 1,
      errorCode: 0,
      errorMessage: null,
    })
  })

  it('negotiates v1 with Kafka 4.4 and v0 with a broker that only has v0', () => {
    expect(negotiateVersion(AddRaftVoterApi, {80: {minVersion: 0, maxVersion: 1}})).to.equal(1)
    expect(negotiateVersion(AddRaftVoterApi, {80: {minVersion: 0, maxVersion: 0}})).to.equal(0)
    expect(() => negotiateVersion(AddRaftVoterApi, {})).to.throw(/does not support AddRaftVoter/)
  })
})

describe('protocol: RemoveRaftVoter (81) v0', () => {
  it('encodes exactly like Kafka', async () => {
    const req = {clusterId: CLUSTER, voterId: 2, voterDirectoryId: uuidBytes(DIR)}
    expect(await encodeHex((e) => encodeRemoveRaftVoter(e, req))).to.equal(KAFKA.removeRaftVoterRequestV0)
  })

  it('decodes an error with its message, skipping a tagged field', () => {
    expect(decodeAll(KAFKA.removeRaftVoterResponseV0, decodeErrorOnlyResponse)).to.deep.equal({
      throttleTimeMs: 0,
      errorCode: 42,
      errorMessage: 'not a voter',
    })
  })

  it('reads a Kafka Uuid only in its exact printed form', () => {
    expect(uuidBytes(DIR).toString('hex')).to.equal('99fcb868e03721b5e059bcb89f9fae17')
    for (const bad of [
      '',
      'mfy4aOA3IbXgWby4n5-uF',
      'mfy4aOA3IbXgWby4n5-uFw=',
      'mfy4aOA3IbXgWby4n5+uFw',
      'x'.repeat(23),
    ])
      expect(() => uuidBytes(bad), bad).to.throw(RangeError)
  })
})

describe('protocol: UnregisterBroker (64) v0 and UnregisterController (94) v0', () => {
  it('encodes exactly like Kafka', async () => {
    expect(await encodeHex((e) => encodeUnregisterBroker(e, 3))).to.equal(KAFKA.unregisterBrokerRequestV0)
    expect(await encodeHex((e) => encodeUnregisterController(e, 2))).to.equal(KAFKA.unregisterControllerRequestV0)
  })

  it('decodes both responses, skipping a tagged field', () => {
    expect(decodeAll(KAFKA.unregisterBrokerResponseV0, decodeErrorOnlyResponse)).to.deep.equal({
      throttleTimeMs: 0,
      errorCode: 69,
      errorMessage: 'Broker ID 3 is not currently registered',
    })
    expect(decodeAll(KAFKA.unregisterControllerResponseV0, decodeErrorOnlyResponse)).to.deep.equal({
      throttleTimeMs: 2,
      errorCode: 0,
      errorMessage: '', // Kafka's default for this field when it is not set
    })
  })
})
