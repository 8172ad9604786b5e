import {expect} from 'chai'

import {apiVersionsRequest, decodeApiVersions} from '../../../src/protocol/api-versions.js'
import {Encoder} from '../../../src/protocol/encoder.js'
import {reader} from './helpers.js'

// Reference bytes from Kafka 4.4's serializer: scripts/kafka-bytes.java ApiVersions{Request,Response}Data.
describe('ApiVersions v3+ (API 18) with feature tagged fields', () => {
  it('encodes the v3 request after the flexible request header tag buffer; the response header has none', async () => {
    const req = apiVersionsRequest(3, {name: 'kctl', version: '0.1.0'}, Encoder)
    // 00 = request header v2 tag buffer, then Kafka's body bytes.
    expect((await req.request.encode()).buffer.toString('hex')).to.equal('00' + '056b63746c06302e312e3000')
    // Response header v0: the body starts at once (error code 0, one API key, throttle 0, no tags).
    const decoded = await req.response.decode(
      Buffer.from('0000 02 0012 0000 0004 00 00000000 00'.replaceAll(' ', ''), 'hex'),
    )
    expect(decoded).to.include({errorCode: 0, throttleTimeMs: 0})
  })

  it('decodes SupportedFeatures, FinalizedFeaturesEpoch and FinalizedFeatures from the tag buffer', () => {
    const r = reader(
      '000002001200000004000000000003001702116d657461646174612e76657273696f6e0007001b000108000000000000002a021702116d657461646174612e76657273696f6e001b001b00',
    )
    expect(decodeApiVersions(r)).to.deep.equal({
      errorCode: 0,
      apiKeys: [{apiKey: 18, minVersion: 0, maxVersion: 4}],
      throttleTimeMs: 0,
      supportedFeatures: [{name: 'metadata.version', minVersion: 7, maxVersion: 27}],
      finalizedFeaturesEpoch: 42n,
      finalizedFeatures: [{name: 'metadata.version', maxVersionLevel: 27, minVersionLevel: 27}],
      zkMigrationReady: false,
    })
    expect(r.remaining).to.equal(0)
  })

  it('leaves features empty when the tag buffer is empty, and reads ZkMigrationReady (tag 3)', () => {
    const res = decodeApiVersions(reader('0000 02 0012 0000 0004 00 00000000 01 03 01 01'))
    expect(res).to.include({zkMigrationReady: true, finalizedFeaturesEpoch: -1n})
    expect(res.supportedFeatures).to.deep.equal([])
    expect(res.finalizedFeatures).to.deep.equal([])
  })
})
