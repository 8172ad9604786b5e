import {expect} from 'chai'

import {decodeUpdateFeatures, encodeUpdateFeatures} from '../../../src/protocol/update-features.js'
import {encodeHex, reader} from './helpers.js'

// Reference bytes from Kafka 4.4's serializer: scripts/kafka-bytes.java UpdateFeatures{Request,Response}Data.
describe('UpdateFeatures (API 57)', () => {
  it('encodes a v2 validate-only request with an upgrade and an unsafe downgrade', async () => {
    const hex = await encodeHex((e) =>
      encodeUpdateFeatures(e, 2, {
        timeoutMs: 30_000,
        featureUpdates: [
          {feature: 'metadata.version', maxVersionLevel: 33, upgradeType: 1},
          {feature: 'share.version', maxVersionLevel: 0, upgradeType: 3},
        ],
        validateOnly: true,
      }),
    )
    expect(hex).to.equal('0000753003116d657461646174612e76657273696f6e002101000e73686172652e76657273696f6e000003000100')
  })

  it('encodes a v1 safe downgrade', async () => {
    const hex = await encodeHex((e) =>
      encodeUpdateFeatures(e, 1, {
        timeoutMs: 60_000,
        featureUpdates: [{feature: 'group.version', maxVersionLevel: 1, upgradeType: 2}],
        validateOnly: false,
      }),
    )
    expect(hex).to.equal('0000ea60020e67726f75702e76657273696f6e000102000000')
  })

  it('encodes v0 with AllowDowngrade (true for a downgrade) and no ValidateOnly', async () => {
    const hex = await encodeHex((e) =>
      encodeUpdateFeatures(e, 0, {
        timeoutMs: 60_000,
        featureUpdates: [
          {feature: 'group.version', maxVersionLevel: 0, upgradeType: 2},
          {feature: 'kraft.version', maxVersionLevel: 1, upgradeType: 1},
        ],
        validateOnly: false,
      }),
    )
    expect(hex).to.equal('0000ea60030e67726f75702e76657273696f6e000001000e6b726166742e76657273696f6e0001000000')
  })

  it('decodes a v1 response with a per-feature error', () => {
    const r = reader(
      '00000000000000030e67726f75702e76657273696f6e00000000116d657461646174612e76657273696f6e002a17496e76616c6964207570646174652076657273696f6e0000',
    )
    expect(decodeUpdateFeatures(r, 1)).to.deep.equal({
      throttleTimeMs: 0,
      errorCode: 0,
      errorMessage: null,
      results: [
        {feature: 'group.version', errorCode: 0, errorMessage: null},
        {feature: 'metadata.version', errorCode: 42, errorMessage: 'Invalid update version'},
      ],
    })
    expect(r.remaining).to.equal(0)
  })

  it('decodes a v2 response: a top-level error and no results', () => {
    const r = reader('00000005002a1254686520757064617465206661696c656400')
    expect(decodeUpdateFeatures(r, 2)).to.deep.equal({
      throttleTimeMs: 5,
      errorCode: 42,
      errorMessage: 'The update failed',
      results: [],
    })
    expect(r.remaining).to.equal(0)
  })

  it('decodes a v0 response', () => {
    const r = reader('00000000000000020e6b726166742e76657273696f6e0000000000')
    expect(decodeUpdateFeatures(r, 0).results).to.deep.equal([
      {feature: 'kraft.version', errorCode: 0, errorMessage: null},
    ])
    expect(r.remaining).to.equal(0)
  })

  it('decodes a v1 result carrying an unknown tagged field', () => {
    // The kraft.version result of the v0 bytes, with tag 3 (2 bytes) instead of an empty tag buffer.
    const r = reader('00000000 0000 00 02 0e6b726166742e76657273696f6e 0000 00 01 03 02 abcd 00')
    expect(decodeUpdateFeatures(r, 1).results).to.deep.equal([
      {feature: 'kraft.version', errorCode: 0, errorMessage: null},
    ])
    expect(r.remaining).to.equal(0)
  })
})
