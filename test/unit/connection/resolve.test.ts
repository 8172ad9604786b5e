import {expect} from 'chai'
import {mkdtempSync, statSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {configPath, loadConfig, saveConfig} from '../../../src/connection/config-file.js'
import {resolveConnection} from '../../../src/connection/resolve.js'

const config = {
  currentContext: 'dev',
  contexts: {
    dev: {bootstrapServers: ['dev:9092']},
    prod: {
      bootstrapServers: ['prod1:9093', 'prod2:9093'],
      properties: {
        'security.protocol': 'SASL_SSL',
        'sasl.mechanism': 'PLAIN',
        'sasl.jaas.config': 'x required username="ops" password="p";',
      },
      readOnly: true,
      clusterId: 'abc',
    },
  },
}

describe('connection resolution (flag > env > context > default)', () => {
  it('uses localhost:9092 with no configuration', () => {
    const s = resolveConnection({}, {}, {contexts: {}})
    expect(s.brokers).to.deep.equal(['localhost:9092'])
    expect(s.source).to.equal('default')
    expect(s.securityProtocol).to.equal('PLAINTEXT')
  })

  it('uses the current context', () => {
    const s = resolveConnection({}, {}, config)
    expect(s.brokers).to.deep.equal(['dev:9092'])
    expect(s.contextName).to.equal('dev')
    expect(s.source).to.equal('context')
  })

  it('KCTL_CONTEXT beats the current context; --context beats KCTL_CONTEXT', () => {
    expect(resolveConnection({}, {KCTL_CONTEXT: 'prod'}, config).contextName).to.equal('prod')
    expect(resolveConnection({context: 'dev'}, {KCTL_CONTEXT: 'prod'}, config).contextName).to.equal('dev')
  })

  it('carries readOnly, protected and clusterId from the context', () => {
    const s = resolveConnection({context: 'prod'}, {}, config)
    expect(s).to.include({readOnly: true, protected: false, clusterId: 'abc', securityProtocol: 'SASL_SSL'})
    expect(s.sasl!.username).to.equal('ops')
  })

  it('an ad-hoc --bootstrap-server does not inherit the current context', () => {
    const s = resolveConnection({'bootstrap-server': 'other:9092'}, {}, config)
    expect(s.brokers).to.deep.equal(['other:9092'])
    expect(s.contextName).to.equal(undefined)
    expect(s.source).to.equal('flag')
  })

  it("--bootstrap-server with a context must name the context's own brokers (its secrets go nowhere else)", () => {
    const s = resolveConnection({'bootstrap-server': 'PROD2:9093', context: 'prod'}, {}, config)
    expect(s.brokers).to.deep.equal(['PROD2:9093'])
    expect(s).to.include({securityProtocol: 'SASL_SSL', contextName: 'prod', source: 'flag'})
    expect(() => resolveConnection({'bootstrap-server': 'prod3:9093', context: 'prod'}, {}, config))
      .to.throw(/^--bootstrap-server prod3:9093 is not a bootstrap server of context prod \(--context\)/)
      .with.property('code', 'CONTEXT_BROKER_MISMATCH')
    expect(() => resolveConnection({}, {KCTL_CONTEXT: 'prod', KCTL_BOOTSTRAP_SERVER: 'evil:9093'}, config))
      .to.throw(/^KCTL_BOOTSTRAP_SERVER evil:9093 is not a bootstrap server of context prod \(KCTL_CONTEXT\)/)
      .with.property('exitCode', 2)
  })

  it('--context on the command line beats every environment variable', () => {
    const env = {
      KCTL_CONTEXT: 'dev',
      KCTL_BOOTSTRAP_SERVER: 'evil:9093',
      KCTL_COMMAND_CONFIG: '/no/such/file.properties',
    }
    const s = resolveConnection({context: 'prod'}, env, config)
    expect(s.brokers).to.deep.equal(['prod1:9093', 'prod2:9093'])
    expect(s).to.include({contextName: 'prod', source: 'context', securityProtocol: 'SASL_SSL'})
  })

  it('-b on the command line is ad hoc: KCTL_CONTEXT is not applied to it', () => {
    const s = resolveConnection({'bootstrap-server': 'other:9092'}, {KCTL_CONTEXT: 'prod'}, config)
    expect(s).to.include({contextName: undefined, securityProtocol: 'PLAINTEXT', readOnly: false, source: 'flag'})
    expect(s.sasl).to.equal(undefined)
  })

  it('the flag beats KCTL_BOOTSTRAP_SERVER, which beats the current context', () => {
    const env = resolveConnection({}, {KCTL_BOOTSTRAP_SERVER: 'env:9092'}, config)
    expect(env).to.include({source: 'env', contextName: undefined})
    expect(env.brokers).to.deep.equal(['env:9092'])
    expect(
      resolveConnection({'bootstrap-server': 'flag:9092'}, {KCTL_BOOTSTRAP_SERVER: 'env:9092'}, config).brokers,
    ).to.deep.equal(['flag:9092'])
  })

  it('rejects unknown contexts and malformed addresses with exit 2', () => {
    expect(() => resolveConnection({context: 'nope'}, {}, config))
      .to.throw(/Unknown context "nope"/)
      .with.property('exitCode', 2)
    expect(() => resolveConnection({context: ''}, {}, config))
      .to.throw(/--context needs a context name/)
      .with.property('exitCode', 2)
    for (const bad of ['kafka', 'kafka:', 'kafka:0', 'kafka:70000', 'http://kafka:9092']) {
      expect(() => resolveConnection({'bootstrap-server': bad}, {}, config), bad)
        .to.throw(/Invalid bootstrap server/)
        .with.property('exitCode', 2)
    }
  })
})

describe('the config file', () => {
  it('round-trips contexts and is written with mode 0600', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kctl-cfg-')), 'sub', 'config.yaml')
    saveConfig(config, file)
    expect(statSync(file).mode & 0o777).to.equal(0o600)
    expect(loadConfig(file)).to.deep.equal(config)
  })

  it('follows KCTL_CONFIG, then XDG_CONFIG_HOME', () => {
    expect(configPath({KCTL_CONFIG: '/x/c.yaml'})).to.equal('/x/c.yaml')
    expect(configPath({XDG_CONFIG_HOME: '/xdg'})).to.equal('/xdg/kctl/config.yaml')
  })
})
