import {expect} from 'chai'

import {Encoder} from '../../../src/protocol/encoder.js'
import {
  type IncrementalAlterConfigsRequest,
  decodeIncrementalAlterConfigs,
  encodeIncrementalAlterConfigs,
  incrementalAlterConfigsRequest,
} from '../../../src/protocol/incremental-alter-configs.js'
import {Reader} from '../../../src/protocol/wire.js'

// Expected bytes come from Kafka 4.4's own serializer (IncrementalAlterConfigsRequestData /
// ResponseData through MessageUtil.toByteBufferAccessor).
const REQUEST: IncrementalAlterConfigsRequest = {
  validateOnly: true,
  resources: [
    {
      resourceType: 2,
      resourceName: 'orders',
      configs: [
        {name: 'retention.ms', operation: 'set', value: '1000'},
        {name: 'segment.ms', operation: 'delete', value: null},
        {name: 'cleanup.policy', operation: 'append', value: 'compact'},
      ],
    },
  ],
}

async function encode(version: number): Promise<string> {
  const e = new Encoder()
  encodeIncrementalAlterConfigs(e, version, REQUEST)
  return e.buffer.toString('hex')
}

describe('IncrementalAlterConfigs (API 44) bytes', () => {
  it('encodes v0 (non-flexible) exactly as Kafka does', async () => {
    expect(await encode(0)).to.equal(
      '000000010200066f726465727300000003000c726574656e74696f6e2e6d7300000431303030000a7365676d656e742e6d7301ffff000e636c65616e75702e706f6c696379020007636f6d7061637401',
    )
  })

  it('encodes v1 (flexible) exactly as Kafka does', async () => {
    expect(await encode(1)).to.equal(
      '0202076f7264657273040d726574656e74696f6e2e6d73000531303030000b7365676d656e742e6d730100000f636c65616e75702e706f6c6963790208636f6d7061637400000100',
    )
  })

  it('encodes the subtract operation as 3', async () => {
    const e = new Encoder()
    encodeIncrementalAlterConfigs(e, 0, {
      validateOnly: false,
      resources: [{resourceType: 4, resourceName: '1', configs: [{name: 'a', operation: 'subtract', value: 'b'}]}],
    })
    expect(e.buffer.toString('hex')).to.equal(
      '00000001' + '04' + '000131' + '00000001' + '000161' + '03' + '000162' + '00',
    )
  })

  it('decodes a v0 response', () => {
    const r = decodeIncrementalAlterConfigs(
      new Reader(
        Buffer.from('00000007000000020028000f496e76616c69642076616c756520780200066f72646572730000ffff04000131', 'hex'),
      ),
      0,
    )
    expect(r).to.deep.equal({
      throttleTimeMs: 7,
      responses: [
        {errorCode: 40, errorMessage: 'Invalid value x', resourceType: 2, resourceName: 'orders'},
        {errorCode: 0, errorMessage: null, resourceType: 4, resourceName: '1'},
      ],
    })
  })

  it('decodes a v1 response, skipping a non-empty tagged field', () => {
    // Kafka's bytes, with the first response's empty tag buffer (00) replaced by one field: tag 5, 2 bytes.
    const hex = '0000000703002810496e76616c69642076616c7565207802076f7264657273' + '010502abcd' + '0000000402310000'
    const r = new Reader(Buffer.from(hex, 'hex'))
    const decoded = decodeIncrementalAlterConfigs(r, 1)
    expect(decoded.responses).to.deep.equal([
      {errorCode: 40, errorMessage: 'Invalid value x', resourceType: 2, resourceName: 'orders'},
      {errorCode: 0, errorMessage: null, resourceType: 4, resourceName: '1'},
    ])
    expect(r.remaining).to.equal(0)
  })

  it('v1 requests carry the request-header tag buffer; v0 ones do not', async () => {
    const v1 = await incrementalAlterConfigsRequest(1, REQUEST, Encoder).request.encode()
    const v0 = await incrementalAlterConfigsRequest(0, REQUEST, Encoder).request.encode()
    expect(v1.buffer.toString('hex')).to.equal(`00${await encode(1)}`)
    expect(v0.buffer.toString('hex')).to.equal(await encode(0))
  })
})
