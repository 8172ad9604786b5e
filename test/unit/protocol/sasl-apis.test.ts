import {expect} from 'chai'

import {decodeConnectApiVersions} from '../../../src/protocol/api-versions.js'
import {decodeSaslAuthenticate, encodeSaslAuthenticate} from '../../../src/protocol/sasl-authenticate.js'
import {decodeSaslHandshake, encodeSaslHandshake} from '../../../src/protocol/sasl-handshake.js'
import {decodeAll, encodeHex} from './helpers.js'

// Reference bytes from Kafka 4.4's serializer: scripts/kafka-bytes.java Sasl{Handshake,Authenticate}{Request,Response}Data.
describe('the connection APIs: SaslHandshake (17), SaslAuthenticate (36), ApiVersions fallback (18)', () => {
  it('encodes SaslHandshake v1 and decodes a refusal naming the enabled mechanisms', async () => {
    expect(await encodeHex((e) => encodeSaslHandshake(e, 'SCRAM-SHA-512'))).to.equal('000d534352414d2d5348412d353132')
    expect(decodeAll('0021000000020005504c41494e000d534352414d2d5348412d323536', decodeSaslHandshake)).to.deep.equal({
      errorCode: 33,
      mechanisms: ['PLAIN', 'SCRAM-SHA-256'],
    })
  })

  it('encodes SaslAuthenticate v0 (int32 bytes) and v2 (compact bytes, tag buffer)', async () => {
    const plain = Buffer.from('\u0000alice\u0000secret')
    expect(await encodeHex((e) => encodeSaslAuthenticate(e, 0, plain))).to.equal('0000000d00616c69636500736563726574')
    expect(await encodeHex((e) => encodeSaslAuthenticate(e, 2, plain))).to.equal('0e00616c6963650073656372657400')
  })

  it("decodes v0, v1 (the broker's message, the session lifetime) and v2", () => {
    expect(decodeAll('0000ffff00000005723d616263', (r) => decodeSaslAuthenticate(r, 0))).to.deep.equal({
      errorCode: 0,
      errorMessage: null,
      authBytes: Buffer.from('r=abc'),
      sessionLifetimeMs: 0n,
    })
    const message = 'Authentication failed: Invalid username or password'
    const v1 = `003a0033${Buffer.from(message).toString('hex')}000000000000000000000000`
    expect(decodeAll(v1, (r) => decodeSaslAuthenticate(r, 1))).to.deep.equal({
      errorCode: 58,
      errorMessage: message,
      authBytes: Buffer.alloc(0),
      sessionLifetimeMs: 0n,
    })
    expect(decodeAll('00000006763d616263000000000036ee8000', (r) => decodeSaslAuthenticate(r, 2))).to.deep.equal({
      errorCode: 0,
      errorMessage: null,
      authBytes: Buffer.from('v=abc'),
      sessionLifetimeMs: 3_600_000n,
    })
  })

  it("reads an UNSUPPORTED_VERSION answer to ApiVersions v3 in v0's layout (the range to retry at)", () => {
    expect(decodeAll('002300000001001200000002', (r) => decodeConnectApiVersions(r, 3))).to.deep.equal({
      errorCode: 35,
      apiKeys: [{apiKey: 18, minVersion: 0, maxVersion: 2}],
    })
  })
})
