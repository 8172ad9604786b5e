import {expect} from 'chai'
import {readFileSync, readdirSync} from 'node:fs'
import {join} from 'node:path'

import {Encoder} from '../../../src/protocol/encoder.js'
import {type ApiSpec, buildRequest, isFlexible} from '../../../src/protocol/wire.js'
import {ROOT} from '../../helpers/cli.js'
import {FLEXIBLE_VERSIONS_SOURCE, KAFKA_APIS} from './flexible-versions.generated.js'

const PROTOCOL = join(ROOT, 'src', 'protocol')

const isApiSpec = (value: unknown): value is ApiSpec =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as ApiSpec).apiKey === 'number' &&
  typeof (value as ApiSpec).apiName === 'string'

/** Every ApiSpec exported by a module of src/protocol/. */
async function exportedSpecs(): Promise<{module: string; name: string; spec: ApiSpec}[]> {
  const found = []
  for (const file of readdirSync(PROTOCOL).filter((f) => f.endsWith('.ts'))) {
    const module = await import(join(PROTOCOL, file))
    for (const [name, value] of Object.entries(module))
      if (isApiSpec(value)) found.push({module: file, name, spec: value})
  }
  return found
}

// The table is generated from the kafka-clients jar (scripts/flexible-versions.java);
// test/integration/protocol-schemas.test.ts checks it against the test cluster's jar.
describe(`first flexible versions: every ApiSpec against Kafka ${FLEXIBLE_VERSIONS_SOURCE}'s message schemas`, () => {
  it('finds every ApiSpec declared in src/protocol/', async () => {
    const declared = readdirSync(PROTOCOL)
      .filter((f) => f.endsWith('.ts'))
      .flatMap((f) => [...readFileSync(join(PROTOCOL, f), 'utf8').matchAll(/export const (\w+): ApiSpec =/g)])
      .map((m) => m[1])
    expect(declared.length).to.be.greaterThan(40)
    expect((await exportedSpecs()).map((s) => s.name).sort()).to.deep.equal(declared.sort())
  })

  it("declares each API's key and first flexible version as Kafka's schema does (null if kctl speaks none)", async () => {
    const wrong = []
    for (const {module, name, spec} of await exportedSpecs()) {
      const kafka = KAFKA_APIS[spec.apiName]
      if (!kafka) {
        wrong.push(`${module} ${name}: Kafka has no API named ${spec.apiName}`)
        continue
      }
      const expected =
        kafka.firstFlexible !== null && kafka.firstFlexible <= spec.maxVersion ? kafka.firstFlexible : null
      if (spec.apiKey !== kafka.apiKey)
        wrong.push(`${module} ${name}: apiKey ${spec.apiKey}, Kafka's is ${kafka.apiKey}`)
      if (spec.flexibleVersion !== expected)
        wrong.push(`${module} ${name}: flexibleVersion ${spec.flexibleVersion}, expected ${expected}`)
    }
    expect(wrong).to.deep.equal([])
  })

  it('isFlexible and buildRequest follow flexibleVersion: the request header tag buffer only from it on', async () => {
    const api: ApiSpec = {apiKey: 21, apiName: 'DeleteRecords', minVersion: 0, maxVersion: 2, flexibleVersion: 2}
    const none: ApiSpec = {...api, flexibleVersion: null}
    expect([0, 1, 2].map((v) => isFlexible(api, v))).to.deep.equal([false, false, true])
    expect([0, 1, 2].map((v) => isFlexible(none, v))).to.deep.equal([false, false, false])
    const hex = async (spec: ApiSpec, version: number) =>
      (
        await buildRequest({
          api: spec,
          version,
          Encoder,
          encode: (e) => e.writeInt8(7),
          decode: (r) => r.int8(),
        }).request.encode()
      ).buffer.toString('hex')
    expect(await hex(api, 1)).to.equal('07')
    expect(await hex(api, 2)).to.equal('0007')
    expect(await hex(none, 2)).to.equal('07')
    const decode = (spec: ApiSpec, version: number, payload: string) =>
      buildRequest({api: spec, version, Encoder, encode: () => {}, decode: (r) => r.int8()}).response.decode(
        Buffer.from(payload, 'hex'),
      )
    expect(await decode(api, 2, '0007'), 'response header v1: its tag buffer first').to.equal(7)
    expect(await decode(api, 1, '07')).to.equal(7)
  })
})
