import {expect} from 'chai'

import {majorVersion, runtimePom, validateKafkaVersion} from '../../../src/local/jars.js'
import {quorumMode, quorumModeFor} from '../../../src/local/cluster.js'
import {
  formatProperties,
  initialControllers,
  nodePorts,
  quorumVoters,
  randomKafkaUuid,
  serverProperties,
} from '../../../src/local/server-config.js'

const nodes = [1, 2, 3].map((id) => ({id, dir: `/c/node-${id}`, ports: nodePorts(9092, id - 1)}))

describe('local cluster configuration', () => {
  it('lays out ports from the base', () => {
    expect(nodePorts(9092, 1)).to.deep.equal({
      plaintext: 9093,
      ssl: 9193,
      saslSsl: 9293,
      oauth: 9393,
      controller: 10_093,
    })
    expect(quorumVoters(nodes)).to.equal('1@127.0.0.1:10092,2@127.0.0.1:10093,3@127.0.0.1:10094')
  })

  it('a dynamic quorum (Kafka 4.x) names controller.quorum.bootstrap.servers, never the static voters', () => {
    const p = serverProperties(nodes[0], nodes, undefined, 'dynamic')
    expect(p['controller.quorum.bootstrap.servers']).to.equal('127.0.0.1:10092,127.0.0.1:10093,127.0.0.1:10094')
    expect(p).not.to.have.property('controller.quorum.voters')
    expect(serverProperties(nodes[0], nodes)).to.include({'controller.quorum.voters': quorumVoters(nodes)})
    expect(serverProperties(nodes[0], nodes)).not.to.have.property('controller.quorum.bootstrap.servers')
    const withDirs = nodes.map((n, i) => ({
      ...n,
      directoryId: ['mfy4aOA3IbXgWby4n5-uFw', 'XTWEKufDZnlZEMeTOhP2RQ', '7YAvm7a93KVOk7t6Dp7KlQ'][i],
    }))
    expect(initialControllers(withDirs)).to.equal(
      '1@127.0.0.1:10092:mfy4aOA3IbXgWby4n5-uFw,2@127.0.0.1:10093:XTWEKufDZnlZEMeTOhP2RQ,3@127.0.0.1:10094:7YAvm7a93KVOk7t6Dp7KlQ',
    )
    expect(() => initialControllers(nodes)).to.throw(/no metadata directory id/)
    // 4.x is formatted dynamic, 3.x static; state written before the field existed is static.
    expect([quorumModeFor('4.4.0'), quorumModeFor('4.0.1'), quorumModeFor('3.9.2')]).to.deep.equal([
      'dynamic',
      'dynamic',
      'static',
    ])
    expect([quorumMode({}), quorumMode({quorum: 'dynamic'})]).to.deep.equal(['static', 'dynamic'])
  })

  it("makes directory ids by Kafka's rules for random Uuids (never reserved, never a leading '-')", () => {
    const queue = [
      Buffer.alloc(16),
      Buffer.from('fb' + '00'.repeat(15), 'hex'),
      Buffer.from('99fcb868e03721b5e059bcb89f9fae17', 'hex'),
    ]
    expect(randomKafkaUuid(() => queue.shift()!)).to.equal('mfy4aOA3IbXgWby4n5-uFw')
    expect(queue).to.have.length(0)
  })

  it('writes a combined KRaft node with test-friendly settings', () => {
    const p = serverProperties(nodes[1], nodes)
    expect(p).to.include({
      'process.roles': 'broker,controller',
      'node.id': '2',
      listeners: 'PLAINTEXT://127.0.0.1:9093,CONTROLLER://127.0.0.1:10093',
      'offsets.topic.replication.factor': '3',
      'min.insync.replicas': '1',
      'auto.create.topics.enable': 'false',
      'group.initial.rebalance.delay.ms': '0',
    })
    expect(p).not.to.have.property('authorizer.class.name')
  })

  it('adds SSL (client auth required), SASL_SSL and the authorizer when secure', () => {
    const p = serverProperties(nodes[0], nodes, {
      truststore: '/c/ca.pem',
      keystore: '/c/ks.pem',
      plainUsers: {admin: 'a', alice: 'b'},
    })
    expect(p.listeners).to.equal(
      'PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:10092,SSL://127.0.0.1:9192,SASL_SSL://127.0.0.1:9292',
    )
    expect(p['authorizer.class.name']).to.equal('org.apache.kafka.metadata.authorizer.StandardAuthorizer')
    expect(p['listener.name.ssl.ssl.client.auth']).to.equal('required')
    expect(p['listener.name.sasl_ssl.plain.sasl.jaas.config']).to.equal(
      'org.apache.kafka.common.security.plain.PlainLoginModule required user_admin="a" user_alice="b";',
    )
    expect(p['ssl.keystore.type']).to.equal('PEM')
  })

  it("adds an OAUTHBEARER listener checked by Kafka's validator against the local JWKS", () => {
    const p = serverProperties(nodes[0], nodes, {
      truststore: '/c/ca.pem',
      keystore: '/c/ks.pem',
      plainUsers: {admin: 'a'},
      oauthPort: 9491,
    })
    expect(p.listeners).to.equal(
      'PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:10092,SSL://127.0.0.1:9192,SASL_SSL://127.0.0.1:9292,OAUTH://127.0.0.1:9392',
    )
    expect(p['listener.security.protocol.map']).to.include('OAUTH:SASL_SSL')
    expect(p).to.include({
      'listener.name.oauth.sasl.enabled.mechanisms': 'OAUTHBEARER',
      'listener.name.oauth.oauthbearer.sasl.server.callback.handler.class':
        'org.apache.kafka.common.security.oauthbearer.OAuthBearerValidatorCallbackHandler',
      'sasl.oauthbearer.jwks.endpoint.url': 'http://127.0.0.1:9491/oauth2/jwks',
      'sasl.oauthbearer.expected.audience': 'kafka',
      'sasl.oauthbearer.expected.issuer': 'http://127.0.0.1:9491',
    })
  })

  it('enables delegation tokens with the secret key a secure cluster was created with', () => {
    const secure = {truststore: '/c/ca.pem', keystore: '/c/ks.pem', plainUsers: {admin: 'a'}}
    expect(
      serverProperties(nodes[0], nodes, {...secure, tokenSecretKey: 'k3y'})['delegation.token.secret.key'],
    ).to.equal('k3y')
    expect(serverProperties(nodes[0], nodes, secure)).not.to.have.property('delegation.token.secret.key')
    expect(serverProperties(nodes[0], nodes)).not.to.have.property('delegation.token.secret.key')
  })

  it('a single node uses replication factor 1', () => {
    expect(serverProperties(nodes[0], [nodes[0]])['offsets.topic.replication.factor']).to.equal('1')
  })

  it('escapes backslashes and newlines in .properties', () => {
    expect(formatProperties({a: 'x\\y', b: 'l1\nl2'})).to.equal('a=x\\\\y\nb=l1\\nl2\n')
  })

  it('picks the logging binding per Kafka major version', () => {
    expect(runtimePom('4.4.0'))
      .to.include('log4j-slf4j-impl')
      .and.include('<artifactId>kafka_2.13</artifactId><version>4.4.0</version>')
    expect(runtimePom('3.9.2')).to.include('slf4j-reload4j').and.not.include('log4j-core')
    expect(majorVersion('3.9.2')).to.equal(3)
  })

  it('validates Kafka versions before calling Maven', () => {
    validateKafkaVersion('3.9.2')
    for (const bad of ['4', 'latest', '3.8.1', '2.8.0'])
      expect(() => validateKafkaVersion(bad), bad)
        .to.throw()
        .with.property('exitCode', 2)
  })
})
