import {expect} from 'chai'

import {
  type DescribeConfigsRequest,
  decodeDescribeConfigs,
  encodeDescribeConfigs,
} from '../../../src/protocol/describe-configs.js'
import {Encoder} from '../../../src/protocol/encoder.js'
import {Reader} from '../../../src/protocol/wire.js'

// Expected bytes come from Kafka 4.4's own serializer (DescribeConfigsRequestData / ResponseData).
const REQUEST: DescribeConfigsRequest = {
  includeSynonyms: true,
  includeDocumentation: false,
  resources: [
    {resourceType: 2, resourceName: 'orders', configurationKeys: null},
    {resourceType: 4, resourceName: '', configurationKeys: ['log.retention.ms']},
  ],
}

const EXPECTED_CONFIGS = [
  {
    name: 'retention.ms',
    value: '1000',
    readOnly: false,
    configSource: 1,
    isSensitive: false,
    synonyms: [
      {name: 'retention.ms', value: '1000', source: 1},
      {name: 'log.retention.ms', value: null, source: 5},
    ],
  },
  {name: 'ssl.key.password', value: null, readOnly: true, configSource: 4, isSensitive: true, synonyms: []},
]

async function encode(version: number): Promise<string> {
  const e = new Encoder()
  encodeDescribeConfigs(e, version, REQUEST)
  return e.buffer.toString('hex')
}

describe('DescribeConfigs (API 32) bytes', () => {
  it('encodes v1 (null key list = all keys, empty name = broker default) exactly as Kafka does', async () => {
    expect(await encode(1)).to.equal(
      '000000020200066f7264657273ffffffff0400000000000100106c6f672e726574656e74696f6e2e6d7301',
    )
  })

  it('encodes v4 (flexible) exactly as Kafka does', async () => {
    expect(await encode(4)).to.equal('0302076f72646572730000040102116c6f672e726574656e74696f6e2e6d7300010000')
  })

  it('decodes a v1 response (sources, synonyms, a sensitive null value)', () => {
    const hex =
      '00000000000000010000ffff0200066f726465727300000002000c726574656e74696f6e2e6d7300043130303000010000000002000c726574656e74696f6e2e6d730004313030300100106c6f672e726574656e74696f6e2e6d73ffff05001073736c2e6b65792e70617373776f7264ffff01040100000000'
    const r = decodeDescribeConfigs(new Reader(Buffer.from(hex, 'hex')), 1)
    expect(r.results).to.have.length(1)
    expect(r.results[0]).to.include({errorCode: 0, errorMessage: null, resourceType: 2, resourceName: 'orders'})
    expect(r.results[0].configs).to.deep.equal(
      EXPECTED_CONFIGS.map((c) => ({...c, configType: 0, documentation: null})),
    )
  })

  it('decodes a v4 response with config types and documentation, and a non-empty tagged field', () => {
    // Kafka's bytes with the first config's empty tag buffer replaced by tag 0, 3 bytes.
    const hex =
      '000000000200000002076f7264657273030d726574656e74696f6e2e6d730531303030000100030d726574656e74696f6e2e6d7305313030300100116c6f672e726574656e74696f6e2e6d7300050005' +
      '0001' +
      '0003616263' +
      '1173736c2e6b65792e70617373776f726400010401010904646f63000000'
    const reader = new Reader(Buffer.from(hex, 'hex'))
    const r = decodeDescribeConfigs(reader, 4)
    expect(r.results[0].configs).to.deep.equal([
      {...EXPECTED_CONFIGS[0], configType: 5, documentation: null},
      {...EXPECTED_CONFIGS[1], configType: 9, documentation: 'doc'},
    ])
    expect(reader.remaining).to.equal(0)
  })
})
