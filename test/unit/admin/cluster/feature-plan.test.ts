import {expect} from 'chai'

import {findReleaseVersion, metadataVersionName} from '../../../../src/admin/cluster/feature-versions.js'
import {
  type ClusterFeatureState,
  type FeatureState,
  planFeatureUpdates,
} from '../../../../src/admin/cluster/features.js'
import {KctlError} from '../../../../src/errors.js'

/** A 4.4 cluster on a static quorum: metadata.version 4.4-IV0, kraft.version 0, share.version 1. */
const state = (overrides: Record<string, Partial<FeatureState>> = {}): ClusterFeatureState => {
  const f = (finalizedLevel: number, supportedMin: number, supportedMax: number) => ({
    finalizedLevel,
    supportedMin,
    supportedMax,
    unsupportedBy: [] as number[],
  })
  const features = new Map<string, FeatureState>([
    ['metadata.version', f(31, 7, 33)],
    ['kraft.version', f(0, 0, 1)],
    ['transaction.version', f(2, 0, 2)],
    ['group.version', f(1, 0, 1)],
    ['eligible.leader.replicas.version', f(1, 0, 1)],
    ['share.version', f(1, 0, 2)],
    ['streams.version', f(1, 0, 1)],
  ])
  for (const [name, o] of Object.entries(overrides)) features.set(name, {...features.get(name)!, ...o})
  return {brokers: [1, 2, 3], features}
}

const refused = (fn: () => unknown, code: string, message: RegExp) => {
  try {
    fn()
  } catch (error) {
    expect(error).to.be.instanceOf(KctlError)
    expect((error as KctlError).code).to.equal(code)
    expect((error as KctlError).exitCode).to.equal(2)
    expect((error as KctlError).message).to.match(message)
    expect((error as KctlError).hint).to.be.a('string')
    return
  }
  expect.fail('not refused')
}

describe('planFeatureUpdates: checked against the brokers before anything is sent', () => {
  it('an upgrade by release version raises metadata.version and the features the release sets above 0', () => {
    const plan = planFeatureUpdates(
      {operation: 'upgrade', features: [], release: findReleaseVersion('4.4-IV2')!},
      state(),
    )
    const byName = Object.fromEntries(plan.map((p) => [p.name, [p.fromLevel, p.toLevel]]))
    expect(byName).to.deep.equal({
      'eligible.leader.replicas.version': [1, 1],
      'group.version': [1, 1],
      'kraft.version': [0, 1],
      'metadata.version': [31, 33],
      'share.version': [1, 2],
      'streams.version': [1, 1],
      'transaction.version': [2, 2],
    })
    expect(plan.find((p) => p.name === 'metadata.version')).to.include({fromVersion: '4.4-IV0', toVersion: '4.4-IV2'})
  })

  it('a downgrade by release version lowers, keeps features already lower (kraft.version 0) and sends zeros', () => {
    const plan = planFeatureUpdates(
      {operation: 'downgrade', features: [], release: findReleaseVersion('4.1')!},
      state(),
    )
    const byName = Object.fromEntries(plan.map((p) => [p.name, [p.fromLevel, p.toLevel]]))
    expect(byName).to.deep.include({
      'metadata.version': [31, 27],
      'kraft.version': [0, 0],
      'share.version': [1, 0],
      'streams.version': [1, 0],
    })
  })

  it('a release maps features the cluster does not know to 0: left out, not refused', () => {
    const s = state()
    s.features.delete('streams.version')
    const plan = planFeatureUpdates({operation: 'downgrade', features: [], release: findReleaseVersion('4.1-IV1')!}, s)
    expect(plan.map((p) => p.name)).not.to.include('streams.version')
  })

  it('refuses unknown features, levels out of range, wrong directions and brokers lacking a feature', () => {
    const req = (operation: 'upgrade' | 'downgrade' | 'disable', name: string, level: number) => () =>
      planFeatureUpdates(
        {operation, features: [{name, level}], release: null},
        state({'group.version': {unsupportedBy: [3]}}),
      )
    refused(req('upgrade', 'shar.version', 2), 'UNKNOWN_FEATURE', /Unknown feature shar.version/)
    refused(
      req('upgrade', 'share.version', 3),
      'INVALID_FEATURE_LEVEL',
      /outside the range the brokers support \(0 to 2\)/,
    )
    refused(req('upgrade', 'metadata.version', 30), 'INVALID_FEATURE_LEVEL', /lower level 30 \(4.3-IV0\)/)
    refused(req('downgrade', 'kraft.version', 1), 'INVALID_FEATURE_LEVEL', /higher level 1/)
    refused(req('disable', 'metadata.version', 0), 'INVALID_FEATURE_LEVEL', /metadata.version cannot be disabled/)
    refused(req('upgrade', 'group.version', 1), 'INVALID_FEATURE_LEVEL', /Broker 3 does not support group.version/)
    // Disabling (level 0) a feature some broker lacks is fine.
    expect(req('disable', 'group.version', 0)()).to.have.length(1)
  })

  it('names metadata.version levels from the generated table', () => {
    expect(metadataVersionName(33)).to.equal('4.4-IV2')
    expect(metadataVersionName(21)).to.equal('3.9-IV0')
    expect(metadataVersionName(3)).to.equal('level 3')
    expect(findReleaseVersion('4.4')?.version).to.equal('4.4-IV2')
    expect(findReleaseVersion('4.4-iv0')?.level).to.equal(31)
    expect(findReleaseVersion('2.8')).to.equal(undefined)
  })
})
