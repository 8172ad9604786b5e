import {expect} from 'chai'
import {execFile} from 'node:child_process'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'

import {ROOT} from '../helpers/cli.js'
import {testCluster} from '../helpers/cluster.js'
import {FLEXIBLE_VERSIONS_SOURCE, KAFKA_APIS} from '../unit/protocol/flexible-versions.generated.js'

const TABLE = 'test/unit/protocol/flexible-versions.generated.ts'

/** What scripts/flexible-versions.java prints from the kafka-clients jar of the test cluster. */
async function generatedFromClusterJar(): Promise<{version: string; text: string}> {
  const state = JSON.parse(readFileSync(join(testCluster().dir, 'state.json'), 'utf8'))
  const jar = (state.classpath as string).split(':').find((p) => /\/kafka-clients-[^/]+\.jar$/.test(p))
  expect(jar, `no kafka-clients jar on the test cluster's classpath: ${state.classpath}`).to.be.a('string')
  const text = await new Promise<string>((resolve, reject) =>
    execFile(
      'java',
      [join(ROOT, 'scripts', 'flexible-versions.java'), jar!],
      {encoding: 'utf8'},
      (error, stdout, stderr) => (error ? reject(new Error(stderr || error.message)) : resolve(stdout)),
    ),
  )
  return {version: /FLEXIBLE_VERSIONS_SOURCE = '([^']+)'/.exec(text)![1], text}
}

describe("Kafka's message schemas (kafka-clients jar)", function () {
  this.timeout(60_000)

  it('the first-flexible-version table is what the generator prints from the cluster jar @smoke', async () => {
    const {version, text} = await generatedFromClusterJar()
    const regenerate = `regenerate: java scripts/flexible-versions.java PATH/kafka-clients-${version}.jar > ${TABLE}`
    if (version === FLEXIBLE_VERSIONS_SOURCE) {
      expect(readFileSync(join(ROOT, TABLE), 'utf8'), regenerate).to.equal(text)
      return
    }
    // Another Kafka (the 3.9 run): an API's first flexible version never changes once released,
    // so every API both know has the same one (APIs are renamed at times: compare by key).
    const theirs = new Map(
      [...text.matchAll(/ {2}\w+: \{apiKey: (\d+), firstFlexible: (\w+)\}/g)].map((m) => [Number(m[1]), m[2]]),
    )
    expect(theirs.size).to.be.greaterThan(60)
    const differing = Object.entries(KAFKA_APIS).filter(
      ([, api]) => theirs.has(api.apiKey) && theirs.get(api.apiKey) !== String(api.firstFlexible),
    )
    expect(differing, `Kafka ${version} differs from the table (Kafka ${FLEXIBLE_VERSIONS_SOURCE})`).to.deep.equal([])
  })
})
