import type {KafkaEncoder} from './kafkajs-internals.js'
import {type ApiSpec, type Reader, buildRequest, flex} from './wire.js'

/**
 * UpdateFeatures (API 57): change finalized feature levels. Every version is flexible; v1 replaces
 * AllowDowngrade with an upgrade type and adds ValidateOnly; v2 answers with a top-level error
 * only (the update is all or nothing). On KRaft a broker forwards it to the active controller.
 */
export const UpdateFeaturesApi: ApiSpec = {
  apiKey: 57,
  apiName: 'UpdateFeatures',
  minVersion: 0,
  maxVersion: 2,
  flexibleVersion: 0,
}

/** FeatureUpdate.UpgradeType: 1 upgrade, 2 safe (lossless) downgrade, 3 unsafe (lossy) downgrade. */
export const UpgradeType = {upgrade: 1, safeDowngrade: 2, unsafeDowngrade: 3} as const
export type UpgradeTypeValue = (typeof UpgradeType)[keyof typeof UpgradeType]

export interface FeatureUpdateKey {
  feature: string
  /** The new level; 0 deletes (disables) the finalized feature. */
  maxVersionLevel: number
  upgradeType: UpgradeTypeValue
}

export interface UpdateFeaturesRequest {
  timeoutMs: number
  featureUpdates: FeatureUpdateKey[]
  /** v1+: validate only, change nothing. */
  validateOnly: boolean
}

export interface UpdateFeaturesResponse {
  throttleTimeMs: number
  errorCode: number
  errorMessage: string | null
  /** v0-v1: one result per feature; v2 has none (the top-level error is every feature's). */
  results: {feature: string; errorCode: number; errorMessage: string | null}[]
}

export function encodeUpdateFeatures(e: KafkaEncoder, version: number, req: UpdateFeaturesRequest): void {
  e.writeInt32(req.timeoutMs)
  flex.array(e, req.featureUpdates, (e, u) => {
    flex.string(e, u.feature)
    e.writeInt16(u.maxVersionLevel)
    // v0's AllowDowngrade: any downgrade type (v0 cannot tell safe from unsafe).
    if (version >= 1) e.writeInt8(u.upgradeType)
    else e.writeBoolean(u.upgradeType !== UpgradeType.upgrade)
    flex.tags(e)
  })
  if (version >= 1) e.writeBoolean(req.validateOnly)
  flex.tags(e)
}

export function decodeUpdateFeatures(r: Reader, version: number): UpdateFeaturesResponse {
  const throttleTimeMs = r.int32()
  const errorCode = r.int16()
  const errorMessage = r.compactNullableString()
  const results =
    version <= 1
      ? r.compactArray((x) => {
          const result = {feature: x.compactString(), errorCode: x.int16(), errorMessage: x.compactNullableString()}
          x.taggedFields()
          return result
        })
      : []
  r.taggedFields()
  return {throttleTimeMs, errorCode, errorMessage, results}
}

export function updateFeaturesRequest(version: number, req: UpdateFeaturesRequest, Encoder: new () => KafkaEncoder) {
  return buildRequest({
    api: UpdateFeaturesApi,
    version,
    Encoder,
    encode: (e) => encodeUpdateFeatures(e, version, req),
    decode: (r) => decodeUpdateFeatures(r, version),
    // The controller may take up to timeoutMs to apply the update before it answers.
    requestTimeout: req.timeoutMs + 5000,
  })
}
