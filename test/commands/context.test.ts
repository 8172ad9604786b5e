import {expect} from 'chai'
import {mkdtempSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import ContextDelete from '../../src/commands/context/delete.js'
import ContextImport from '../../src/commands/context/import.js'
import ContextList from '../../src/commands/context/list.js'
import ContextSet from '../../src/commands/context/set.js'
import ContextShow from '../../src/commands/context/show.js'
import ContextUse from '../../src/commands/context/use.js'
import {runCmd} from './helpers.js'

describe('kctl context', () => {
  let dir: string
  let saved: string | undefined
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kctl-ctx-'))
    saved = process.env.KCTL_CONFIG
    process.env.KCTL_CONFIG = join(dir, 'config.yaml')
  })
  afterEach(() => {
    if (saved === undefined) delete process.env.KCTL_CONFIG
    else process.env.KCTL_CONFIG = saved
  })

  it('set creates a context (the first becomes current), writes the file 0600, list shows it', async () => {
    const set = await runCmd(ContextSet, ['dev', '--bootstrap-server', 'dev1:9092,dev2:9092', '--json'])
    expect(set.exitCode).to.equal(0)
    expect(JSON.parse(set.stdout)).to.deep.equal({
      name: 'dev',
      context: {bootstrapServers: ['dev1:9092', 'dev2:9092']},
      currentContext: 'dev',
    })
    expect(statSync(process.env.KCTL_CONFIG!).mode & 0o777).to.equal(0o600)
    await runCmd(ContextSet, ['prod', '--bootstrap-server', 'prod:9092', '--read-only', '--cluster-id', 'abc'])
    const list = JSON.parse((await runCmd(ContextList, ['--json'])).stdout)
    expect(list.currentContext).to.equal('dev')
    expect(list.contexts.map((c: {name: string}) => c.name)).to.deep.equal(['dev', 'prod'])
    expect(list.contexts[1]).to.include({readOnly: true, clusterId: 'abc', current: false})
  })

  it('set changes only the given settings', async () => {
    await runCmd(ContextSet, ['p', '--bootstrap-server', 'p:9092', '--protected', '--cluster-id', 'x'])
    await runCmd(ContextSet, ['p', '--read-only'])
    const ctx = JSON.parse((await runCmd(ContextShow, ['p', '--json'])).stdout)
    expect(ctx).to.include({readOnly: true, protected: true, clusterId: 'x'})
    expect(ctx.bootstrapServers).to.deep.equal(['p:9092'])
  })

  it('use switches the current context; unknown names are exit 2 with the known ones listed', async () => {
    await runCmd(ContextSet, ['a', '-b', 'a:9092'])
    await runCmd(ContextSet, ['b', '-b', 'b:9092'])
    expect((await runCmd(ContextUse, ['b'])).exitCode).to.equal(0)
    expect(readFileSync(process.env.KCTL_CONFIG!, 'utf8')).to.match(/^current-context: b$/m)
    const bad = await runCmd(ContextUse, ['c'])
    expect(bad.exitCode).to.equal(2)
    expect(bad.stderr)
      .to.match(/Unknown context "c"/)
      .and.match(/Known contexts: a, b/)
  })

  it('import turns client.properties into a context and show redacts the password', async () => {
    writeFileSync(join(dir, 'ca.pem'), '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n')
    const props = join(dir, 'prod-client.properties')
    writeFileSync(
      props,
      [
        'bootstrap.servers=k1:9093,k2:9093',
        'security.protocol=SASL_SSL',
        'sasl.mechanism=SCRAM-SHA-512',
        'sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="ops" password="hunter2";',
        'ssl.truststore.type=PEM',
        'ssl.truststore.location=ca.pem',
      ].join('\n'),
    )
    const imp = await runCmd(ContextImport, [props, '--json'])
    expect(imp.exitCode, imp.stderr).to.equal(0)
    expect(JSON.parse(imp.stdout)).to.include({name: 'prod-client', securityProtocol: 'SASL_SSL'})
    const show = await runCmd(ContextShow, ['prod-client'])
    expect(show.stdout)
      .to.include('SCRAM-SHA-512 as ops')
      .and.include(`ssl.truststore.location=${join(dir, 'ca.pem')}`)
    expect(show.stdout).not.to.include('hunter2')
    const json = await runCmd(ContextShow, ['prod-client', '--json'])
    expect(json.stdout).not.to.include('hunter2')
    // The config file keeps the secret (mode 0600), the output never does.
    expect(readFileSync(process.env.KCTL_CONFIG!, 'utf8')).to.include('hunter2')
  })

  it('import refuses a JCEKS truststore with a conversion hint (exit 2, nothing written)', async () => {
    const props = join(dir, 'jceks.properties')
    writeFileSync(join(dir, 'trust.jceks'), Buffer.from([0xce, 0xce, 0xce, 0xce, 0, 0, 0, 2]))
    writeFileSync(
      props,
      `bootstrap.servers=k:9093\nsecurity.protocol=SSL\nssl.truststore.location=${join(dir, 'trust.jceks')}\nssl.truststore.type=JCEKS\n`,
    )
    const r = await runCmd(ContextImport, [props])
    expect(r.exitCode).to.equal(2)
    expect(r.stderr).to.match(/Hint: Convert it: keytool/)
    expect(() => statSync(process.env.KCTL_CONFIG!)).to.throw()
  })

  it('delete needs --yes without a terminal', async () => {
    await runCmd(ContextSet, ['gone', '-b', 'g:9092'])
    const refused = await runCmd(ContextDelete, ['gone'])
    expect(refused.exitCode).to.equal(2)
    expect(refused.stderr).to.match(/without confirmation/)
    expect((await runCmd(ContextDelete, ['gone', '--yes'])).exitCode).to.equal(0)
    expect(JSON.parse((await runCmd(ContextList, ['--json'])).stdout).contexts).to.deep.equal([])
  })
})
