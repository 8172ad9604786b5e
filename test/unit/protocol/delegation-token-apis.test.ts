import {expect} from 'chai'

import {
  CreateDelegationTokenApi,
  decodeCreateDelegationToken,
  encodeCreateDelegationToken,
} from '../../../src/protocol/create-delegation-token.js'
import {
  decodeDescribeDelegationToken,
  encodeDescribeDelegationToken,
} from '../../../src/protocol/describe-delegation-token.js'
import {decodeDelegationTokenExpiry, encodeTokenHmacPeriod} from '../../../src/protocol/renew-delegation-token.js'
import {negotiateVersion} from '../../../src/protocol/wire.js'
import {decodeAll, encodeHex} from './helpers.js'

/**
 * Bytes below were printed by Kafka 4.4's own serializers (scripts/kafka-bytes.java with the JSON
 * form of each message); `0105020908` is an unknown tagged field (tag 5, 2 bytes) put into the
 * flexible responses, which the decoders must skip.
 */
const TAG = '0105020908'
const KAFKA = {
  createRequestV1: '000000010004557365720005616c696365000000000036ee80',
  createRequestV2: '02055573657206616c69636500000000000036ee8000',
  createRequestV3: '055573657204626f6202055573657206616c69636500000000000036ee8000',
  createRequestV3Defaults: '000001ffffffffffffffff00',
  createResponseV1:
    '00000004557365720003626f620000018bcfe568000000018bd50bc4000000018bf3f1ec000004746f6b31000000040102030400000000',
  createResponseV2:
    '0000055573657204626f620000018bcfe568000000018bd50bc4000000018bf3f1ec0005746f6b31050102030400000000' + TAG,
  createResponseV3:
    '0000055573657204626f6205557365720661646d696e0000018bcfe568000000018bd50bc4000000018bf3f1ec0005746f6b310501020304000000' +
    '00' +
    TAG,
  renewRequestV1: '00000004010203040000000005265c00',
  renewRequestV2: '05010203040000000005265c0000',
  expireRequestV2Now: '0501020304ffffffffffffffff00',
  renewResponseV1: '00000000018bd50bc40000000000',
  expireResponseV2: '0041ffffffffffffffff00000000' + TAG,
  describeRequestV1: '000000010004557365720003626f62',
  describeRequestV3: '02055573657204626f620000',
  describeRequestV1All: 'ffffffff',
  describeRequestV3All: '0000',
  describeResponseV1:
    '0000000000010004557365720003626f620000018bcfe568000000018bd50bc4000000018bf3f1ec000004746f6b310000000401020304000000010004557365720005616c69636500000000',
  describeResponseV3:
    '000002055573657204626f6205557365720661646d696e0000018bcfe568000000018bd50bc4000000018bf3f1ec0005746f6b31050102030402055573657206616c69636500' +
    TAG +
    '00000000' +
    TAG,
}

const alice = {principalType: 'User', principalName: 'alice'}
const bob = {principalType: 'User', principalName: 'bob'}
const admin = {principalType: 'User', principalName: 'admin'}
const times = {
  issueTimestampMs: 1_700_000_000_000n,
  expiryTimestampMs: 1_700_086_400_000n,
  maxTimestampMs: 1_700_604_800_000n,
}

describe('protocol: CreateDelegationToken (38) v1-v3', () => {
  const req = {owner: bob, renewers: [alice], maxLifetimeMs: 3_600_000n}
  it('encodes renewers and lifetime per version exactly like Kafka (owner from v3)', async () => {
    expect(await encodeHex((e) => encodeCreateDelegationToken(e, 1, req))).to.equal(KAFKA.createRequestV1)
    expect(await encodeHex((e) => encodeCreateDelegationToken(e, 2, req))).to.equal(KAFKA.createRequestV2)
    expect(await encodeHex((e) => encodeCreateDelegationToken(e, 3, req))).to.equal(KAFKA.createRequestV3)
    expect(
      await encodeHex((e) => encodeCreateDelegationToken(e, 3, {owner: null, renewers: [], maxLifetimeMs: -1n})),
    ).to.equal(KAFKA.createRequestV3Defaults)
  })

  it('decodes the token with its HMAC; the requester from v3, skipping a tagged field', () => {
    const expected = {
      errorCode: 0,
      owner: bob,
      ...times,
      tokenId: 'tok1',
      hmac: Buffer.from([1, 2, 3, 4]),
      throttleTimeMs: 0,
    }
    expect(decodeAll(KAFKA.createResponseV1, (r) => decodeCreateDelegationToken(r, 1))).to.deep.equal({
      ...expected,
      requester: bob,
    })
    expect(decodeAll(KAFKA.createResponseV2, (r) => decodeCreateDelegationToken(r, 2))).to.deep.equal({
      ...expected,
      requester: bob,
    })
    expect(decodeAll(KAFKA.createResponseV3, (r) => decodeCreateDelegationToken(r, 3))).to.deep.equal({
      ...expected,
      requester: admin,
    })
  })

  it('negotiates v3 with Kafka 4.4 (v1-v3) and 3.9 (v0-v3); refuses a broker with v0 only', () => {
    expect(negotiateVersion(CreateDelegationTokenApi, {38: {minVersion: 1, maxVersion: 3}})).to.equal(3)
    expect(negotiateVersion(CreateDelegationTokenApi, {38: {minVersion: 0, maxVersion: 3}})).to.equal(3)
    expect(() => negotiateVersion(CreateDelegationTokenApi, {38: {minVersion: 0, maxVersion: 0}})).to.throw(/v0-v0/)
  })
})

describe('protocol: RenewDelegationToken (39) and ExpireDelegationToken (40) v1-v2', () => {
  const hmac = Buffer.from([1, 2, 3, 4])
  it('encodes the HMAC and period exactly like Kafka', async () => {
    expect(await encodeHex((e) => encodeTokenHmacPeriod(e, 1, hmac, 86_400_000n))).to.equal(KAFKA.renewRequestV1)
    expect(await encodeHex((e) => encodeTokenHmacPeriod(e, 2, hmac, 86_400_000n))).to.equal(KAFKA.renewRequestV2)
    expect(await encodeHex((e) => encodeTokenHmacPeriod(e, 2, hmac, -1n))).to.equal(KAFKA.expireRequestV2Now)
  })

  it('decodes the new expiry and an error, skipping a tagged field', () => {
    expect(decodeAll(KAFKA.renewResponseV1, (r) => decodeDelegationTokenExpiry(r, 1))).to.deep.equal({
      errorCode: 0,
      expiryTimestampMs: 1_700_086_400_000n,
      throttleTimeMs: 0,
    })
    expect(decodeAll(KAFKA.expireResponseV2, (r) => decodeDelegationTokenExpiry(r, 2))).to.deep.equal({
      errorCode: 65,
      expiryTimestampMs: -1n,
      throttleTimeMs: 0,
    })
  })
})

describe('protocol: DescribeDelegationToken (41) v1-v3', () => {
  it('encodes owners (and null for all) exactly like Kafka', async () => {
    expect(await encodeHex((e) => encodeDescribeDelegationToken(e, 1, [bob]))).to.equal(KAFKA.describeRequestV1)
    expect(await encodeHex((e) => encodeDescribeDelegationToken(e, 3, [bob]))).to.equal(KAFKA.describeRequestV3)
    expect(await encodeHex((e) => encodeDescribeDelegationToken(e, 1, null))).to.equal(KAFKA.describeRequestV1All)
    expect(await encodeHex((e) => encodeDescribeDelegationToken(e, 3, null))).to.equal(KAFKA.describeRequestV3All)
  })

  it('decodes tokens with renewers; the requester from v3, skipping tagged fields', () => {
    const token = {owner: bob, ...times, tokenId: 'tok1', hmac: Buffer.from([1, 2, 3, 4]), renewers: [alice]}
    expect(decodeAll(KAFKA.describeResponseV1, (r) => decodeDescribeDelegationToken(r, 1))).to.deep.equal({
      errorCode: 0,
      tokens: [{...token, requester: bob}],
      throttleTimeMs: 0,
    })
    expect(decodeAll(KAFKA.describeResponseV3, (r) => decodeDescribeDelegationToken(r, 3))).to.deep.equal({
      errorCode: 0,
      tokens: [{...token, requester: admin}],
      throttleTimeMs: 0,
    })
  })
})
