import {expect} from 'chai'

import {decodeIncrementalAlterConfigs, encodeIncrementalAlterConfigs} from '../../../src/protocol/incremental-alter-configs.js'
import {encodeHex, reader} from './helpers.js'

// Reference bytes from Kafka 4.4's serializer: scripts/kafka-bytes.java IncrementalAlterConfigs{Request,Response}Data.
describe('IncrementalAlterConfigs (API 44)', () => {
  it('encodes v0: a SET and a DELETE (null value) on a broker', async () => {
    const hex = await encodeHex((e) =>
      encodeIncrementalAlterConfigs(e, 0, [{resourceType: 4, resourceName: '1', configs: [{name: 'leader.replication.throttled.rate', configOperation: 0, value: '1000'}, {name: 'x', configOperation: 1, value: null}]}], false),
    )
    expect(hex).to.equal('00000001040001310000000200216c65616465722e7265706c69636174696f6e2e7468726f74746c65642e726174650000043130303000017801ffff00')
  })

  it('encodes v1 (flexible), validateOnly', async () => {
    const hex = await encodeHex((e) =>
      encodeIncrementalAlterConfigs(e, 1, [{resourceType: 2, resourceName: 'orders', configs: [{name: 'leader.replication.throttled.replicas', configOperation: 0, value: '0:1,0:2'}]}], true),
    )
    expect(hex).to.equal('0202076f726465727302266c65616465722e7265706c69636174696f6e2e7468726f74746c65642e7265706c696361730008303a312c303a3200000100')
  })

  it('decodes v0 and v1 responses', () => {
    expect(decodeIncrementalAlterConfigs(reader('00000000000000010000ffff04000131'), 0)).to.deep.equal({
      throttleTimeMs: 0,
      responses: [{errorCode: 0, errorMessage: null, resourceType: 4, resourceName: '1'}],
    })
    const r = reader('00000000020028046261640202740000')
    expect(decodeIncrementalAlterConfigs(r, 1)).to.deep.equal({throttleTimeMs: 0, responses: [{errorCode: 40, errorMessage: 'bad', resourceType: 2, resourceName: 't'}]})
    expect(r.remaining).to.equal(0)
  })
})
