import {expect} from 'chai'
import {execFile} from 'node:child_process'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'

import {expectBadInputs} from '../helpers/bad-input.js'
import {ROOT, kctl, kctlTty} from '../helpers/cli.js'
import {testCluster} from '../helpers/cluster.js'
import {kafkaTool} from '../helpers/kafka-tools.js'
import {waitFor} from '../helpers/poll.js'

const local = ['--context', 'local']
const ELR = 'eligible.leader.replicas.version'

/** Finalized levels as Kafka's own kafka-features describe prints them (metadata.version by name). */
async function kafkaFeatures(): Promise<Record<string, string>> {
  const out = await kafkaTool('org.apache.kafka.tools.FeatureCommand', [
    '--bootstrap-server',
    testCluster().bootstrap.split(',')[0],
    'describe',
  ])
  return Object.fromEntries(
    [
      ...out.matchAll(
        /^Feature: (\S+)\s+SupportedMinVersion: \S+\s+SupportedMaxVersion: \S+\s+FinalizedVersionLevel: (\S+)/gm,
      ),
    ].map((m) => [m[1], m[2]]),
  )
}

/** The same, as kctl reads them (cheap to poll: no JVM to start). */
async function kctlFeatures(): Promise<Record<string, string>> {
  const r = await kctl(['cluster', 'features', '--json', ...local])
  if (r.code !== 0) throw new Error(r.stderr)
  return Object.fromEntries(
    r
      .json()
      .features.map((f: {name: string; finalizedLevel: number; finalizedVersion: string | null}) => [
        f.name,
        f.finalizedVersion ?? String(f.finalizedLevel),
      ]),
  )
}

const kctlSees = (feature: string, level: string) =>
  waitFor(async () => (await kctlFeatures())[feature] === level, {what: `kctl: ${feature}=${level}`})

/** Wait until Kafka's tool reads `feature` at `level` (brokers learn finalized levels from the metadata log). */
const kafkaSees = (feature: string, level: string) =>
  waitFor(async () => (await kafkaFeatures())[feature] === level, {what: `kafka-features: ${feature}=${level}`})

describe('cluster features upgrade|downgrade|disable|versions (UpdateFeatures)', function () {
  this.timeout(120_000)

  it('the release-version table is what the generator prints from the cluster jars (Kafka 4.4)', async function () {
    if (!testCluster().version.startsWith('4.4')) this.skip() // the table comes from 4.4's jars, 3.9's differ
    const state = JSON.parse(readFileSync(join(testCluster().dir, 'state.json'), 'utf8'))
    const generated = await new Promise<string>((resolve, reject) =>
      execFile(
        'java',
        ['-cp', state.classpath, join(ROOT, 'scripts', 'feature-versions.java')],
        {encoding: 'utf8'},
        (error, stdout, stderr) => (error ? reject(new Error(stderr || error.message)) : resolve(stdout)),
      ),
    )
    const committed = readFileSync(join(ROOT, 'src', 'admin', 'cluster', 'feature-versions.generated.ts'), 'utf8')
    expect(
      committed,
      'regenerate: java -cp CLASSPATH scripts/feature-versions.java > src/admin/cluster/feature-versions.generated.ts',
    ).to.equal(generated)
  })

  it("versions marks the cluster's release and maps it as kafka-features version-mapping does @smoke", async () => {
    const r = await kctl(['cluster', 'features', 'versions', '--json', ...local])
    expect(r.code, r.stderr).to.equal(0)
    const result = r.json()
    const theirs = await kctlFeatures()
    expect(result.cluster.metadataVersion).to.equal(theirs['metadata.version'])
    const current = result.releases.filter((x: {current: boolean}) => x.current)
    expect(current.map((x: {version: string}) => x.version)).to.deep.equal([theirs['metadata.version']])
    if (testCluster().version.startsWith('3.')) {
      // Kafka 3.9's kafka-features has no version-mapping: its describe names the release.
      expect((await kafkaFeatures())['metadata.version']).to.equal(current[0].version)
    } else {
      const mapping = await kafkaTool('org.apache.kafka.tools.FeatureCommand', [
        '--bootstrap-server',
        testCluster().bootstrap.split(',')[0],
        'version-mapping',
        '--release-version',
        current[0].version,
      ])
      const expected = Object.fromEntries([...mapping.matchAll(/^([\w.]+)=(\d+)/gm)].map((m) => [m[1], Number(m[2])]))
      const ours = Object.fromEntries(current[0].features.map((f: {name: string; level: number}) => [f.name, f.level]))
      expect(Object.keys(expected).sort()).to.deep.equal(['metadata.version', ...Object.keys(ours)].sort())
      for (const [name, level] of Object.entries(expected))
        expect(name === 'metadata.version' ? current[0].level : ours[name], name).to.equal(level)
    }
    const offline = await kctl(['cluster', 'features', 'versions', '--offline', '--release-version', '3.9', '--json'])
    expect(offline.code, offline.stderr).to.equal(0)
    expect(offline.json().cluster).to.equal(null)
    expect(offline.json().releases.map((x: {version: string}) => x.version)).to.deep.equal(['3.9-IV0'])
  })

  it('--dry-run validates on the controller and changes nothing @smoke', async () => {
    const before = await kctlFeatures()
    // kraft.version 1 is valid on both a static quorum (level 0) and Kafka 3.9: validated, never applied.
    const dry = await kctl([
      'cluster',
      'features',
      'upgrade',
      '--feature',
      'kraft.version=1',
      '--dry-run',
      '--json',
      ...local,
    ])
    expect(dry.code, dry.stderr).to.equal(0)
    const row = dry.json().features.find((f: {name: string}) => f.name === 'kraft.version')
    expect(row.status).to.equal(before['kraft.version'] === '1' ? 'unchanged' : 'validated')
    const mv = await kctl([
      'cluster',
      'features',
      'downgrade',
      '--release-version',
      '3.3-IV3',
      '--dry-run',
      '--json',
      ...local,
    ])
    expect([0, 1], mv.stderr).to.include(mv.code)
    expect(mv.json().dryRun).to.equal(true)
    expect(await kafkaFeatures()).to.deep.equal(before)
  })

  it('reports the controller refusing a feature, per feature, with exit 1 (Kafka 4.4)', async function () {
    if (!testCluster().version.startsWith('4.4')) this.skip() // 3.9 allows this downgrade: the @smoke tests cover 3.9
    // A safe metadata.version downgrade that would lose metadata: kctl cannot tell, the controller can.
    const r = await kctl([
      'cluster',
      'features',
      'downgrade',
      '--feature',
      'metadata.version=32',
      '--dry-run',
      '--json',
      ...local,
    ])
    expect(r.code, r.stderr).to.equal(1)
    const [f] = r.json().features
    expect(f).to.include({name: 'metadata.version', fromLevel: 33, toLevel: 32, status: 'failed'})
    expect(f.error.code).to.equal('INVALID_UPDATE_VERSION')
    expect(f.error.message).to.match(/metadata\.version downgrade from 33 to 32/)
  })

  describe(`a real downgrade and upgrade back of ${ELR} (Kafka 4.4)`, () => {
    before(function () {
      if (!testCluster().version.startsWith('4.4')) this.skip() // 3.9 has no feature but metadata.version to lower
    })
    after(async () => {
      // Leave ELR as the cluster was started, even when a test failed midway.
      if (!testCluster().version.startsWith('4.4')) return
      if ((await kctlFeatures())[ELR] !== '1') {
        const r = await kctl(['cluster', 'features', 'upgrade', '--feature', `${ELR}=1`, '--yes', ...local])
        expect(r.code, r.stderr).to.equal(0)
        await kctlSees(ELR, '1')
      }
    })

    it("downgrades (safe), upgrades back, and disables unsafely with the cluster id; Kafka's tool sees each", async () => {
      const down = await kctl([
        'cluster',
        'features',
        'downgrade',
        '--feature',
        `${ELR}=0`,
        '--yes',
        '--json',
        ...local,
      ])
      expect(down.code, down.stderr).to.equal(0)
      expect(down.json()).to.deep.include({operation: 'downgrade', upgradeType: 'safe-downgrade', dryRun: false})
      expect(down.json().features).to.deep.equal([
        {name: ELR, fromLevel: 1, toLevel: 0, fromVersion: null, toVersion: null, status: 'changed', error: null},
      ])
      await kctlSees(ELR, '0')
      await kafkaSees(ELR, '0')

      const up = await kctl(['cluster', 'features', 'upgrade', '--feature', `${ELR}=1`, '--yes', ...local])
      expect(up.code, up.stderr).to.equal(0)
      expect(up.stdout).to.match(/eligible\.leader\.replicas\.version\s+0\s+1\s+changed/)
      await kctlSees(ELR, '1')

      // Unsafe: --yes alone is refused, a wrong id is refused, both before anything is sent.
      const noId = await kctl(['cluster', 'features', 'disable', '--feature', ELR, '--unsafe', '--yes', ...local])
      expect(noId.code).to.equal(2)
      expect(noId.stderr).to.match(/needs the cluster id: --cluster-id ID/)
      const wrong = await kctl([
        'cluster',
        'features',
        'disable',
        '--feature',
        ELR,
        '--unsafe',
        '--cluster-id',
        'AAAAAAAAAAAAAAAAAAAAAA',
        '--yes',
        ...local,
      ])
      expect(wrong.code).to.equal(2)
      expect(wrong.stderr).to.match(/^Error: --cluster-id AAAAAAAAAAAAAAAAAAAAAA is not this cluster's id\nHint: /m)
      expect((await kctlFeatures())[ELR]).to.equal('1')

      const id = testCluster().clusterId
      const unsafe = await kctl([
        'cluster',
        'features',
        'disable',
        '--feature',
        ELR,
        '--unsafe',
        '--cluster-id',
        id,
        '--yes',
        '--json',
        ...local,
      ])
      expect(unsafe.code, unsafe.stderr).to.equal(0)
      expect(unsafe.json()).to.deep.include({operation: 'disable', upgradeType: 'unsafe-downgrade'})
      await kctlSees(ELR, '0')

      // On a terminal the cluster id is typed.
      const tty = kctlTty(['cluster', 'features', 'upgrade', '--feature', `${ELR}=1`, ...local])
      await tty.waitFor('Upgrade eligible.leader.replicas.version 0 -> 1 cluster-wide?')
      tty.type('y\r')
      expect(await tty.exited, tty.screen).to.equal(0)
      await kafkaSees(ELR, '1')
    })

    it('an unsafe downgrade on a terminal asks for the cluster id to be typed; a wrong one cancels', async () => {
      const tty = kctlTty(['cluster', 'features', 'downgrade', '--feature', `${ELR}=0`, '--unsafe', ...local])
      await tty.waitFor(`Type ${testCluster().clusterId} to confirm`)
      tty.type('not-the-id\r')
      expect(await tty.exited, tty.screen).to.equal(130)
      expect((await kctlFeatures())[ELR]).to.equal('1')
    })
  })

  it('refuses bad levels and features with exit 2, sending nothing @smoke', async () => {
    const v44 = testCluster().version.startsWith('4.4')
    const mvMax = v44 ? '33 \\(4.4-IV2\\)' : '21 \\(3.9-IV0\\)'
    // A feature finalized below its maximum, to downgrade "up" to: kraft.version 0 on a static quorum
    // (3.9); on the dynamic 4.4 quorum every feature is at its maximum, and the planner's unit tests
    // hold that refusal.
    const below = (await kctl(['cluster', 'features', '--json', ...local]))
      .json()
      .features.find(
        (x: {name: string; finalizedLevel: number; supportedMax: number}) =>
          x.name !== 'metadata.version' && x.finalizedLevel < x.supportedMax,
      ) as {name: string; finalizedLevel: number} | undefined
    const higher: [string, string[], RegExp][] = below
      ? [
          [
            'downgrade to a higher level',
            ['cluster', 'features', 'downgrade', '--feature', `${below.name}=${below.finalizedLevel + 1}`],
            new RegExp(
              `Cannot downgrade ${below.name.replaceAll('.', '\\.')} from ${below.finalizedLevel} to the higher level ${below.finalizedLevel + 1}`,
            ),
          ],
        ]
      : []
    await expectBadInputs(
      [
        [
          'unknown feature',
          ['cluster', 'features', 'upgrade', '--feature', 'kraft.versoin=1'],
          /Unknown feature kraft.versoin.*\n.*Did you mean kraft.version/,
        ],
        [
          'above the supported range',
          ['cluster', 'features', 'upgrade', '--feature', 'kraft.version=9'],
          /kraft.version level 9 is outside the range the brokers support \(0 to 1\)/,
        ],
        [
          'release newer than the brokers',
          ['cluster', 'features', 'upgrade', '--release-version', '4.5-IV0'],
          new RegExp(`outside the range the brokers support \\(.* to ${mvMax}\\)`),
        ],
        [
          'upgrade to a lower level',
          ['cluster', 'features', 'upgrade', '--feature', `metadata.version=${v44 ? 32 : 20}`],
          /Cannot upgrade metadata.version from .* to the lower level/,
        ],
        ...higher,
        [
          'disable metadata.version',
          ['cluster', 'features', 'disable', '--feature', 'metadata.version'],
          /metadata.version cannot be disabled/,
        ],
        [
          'unsafe without a terminal',
          ['cluster', 'features', 'downgrade', '--feature', 'metadata.version=20', '--unsafe'],
          /needs the cluster id as its confirmation/,
        ],
      ],
      {extraArgs: local, snapshot: kctlFeatures},
    )
  })
})
