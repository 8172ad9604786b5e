import {expect} from 'chai'

import {expectUsageError} from '../../helpers/usage.js'
import {
  type AclBinding,
  expandAclFlags,
  parseAclFilter,
  parseHost,
  parseOperation,
  parsePrincipal,
  parseResources,
} from '../../../src/input/acl.js'

const usage = expectUsageError

const short = (b: AclBinding) =>
  `${b.permission} ${b.principal}@${b.host} ${b.operation} ${b.resourceType}:${b.resourceName}:${b.patternType}`

describe('ACL input', () => {
  it('parses operations case-insensitively with -, _ or camelCase', () => {
    for (const s of ['describe-configs', 'DescribeConfigs', 'DESCRIBE_CONFIGS', ' describe_Configs '])
      expect(parseOperation(s)).to.equal('DESCRIBE_CONFIGS')
    expect(usage(() => parseOperation('reed')).hint).to.include('read, write')
  })

  it('validates principals: Type:name, case-sensitive User', () => {
    expect(parsePrincipal('User:alice')).to.equal('User:alice')
    expect(parsePrincipal('User:*')).to.equal('User:*')
    expect(parsePrincipal('Group:ops')).to.equal('Group:ops')
    expect(parsePrincipal('User:CN=admin,O=x')).to.equal('User:CN=admin,O=x')
    for (const bad of ['alice', 'User:', ':alice', '', 'User alice']) usage(() => parsePrincipal(bad))
    expect(usage(() => parsePrincipal('user:alice')).hint).to.equal('Did you mean User:alice?')
  })

  it('accepts * and IP addresses as hosts, never host names', () => {
    expect(parseHost('*')).to.equal('*')
    expect(parseHost('10.0.0.1')).to.equal('10.0.0.1')
    expect(parseHost('::1')).to.equal('::1')
    expect(usage(() => parseHost('localhost')).hint).to.include('never a host name')
  })

  it('names resources from flags or --resource-type/--resource-name', () => {
    expect(parseResources({topic: ['a'], group: ['g'], cluster: true})).to.deep.equal([
      {resourceType: 'TOPIC', resourceName: 'a'},
      {resourceType: 'GROUP', resourceName: 'g'},
      {resourceType: 'CLUSTER', resourceName: 'kafka-cluster'},
    ])
    expect(parseResources({'resource-type': 'transactional-id', 'resource-name': 'tx'})).to.deep.equal([
      {resourceType: 'TRANSACTIONAL_ID', resourceName: 'tx'},
    ])
    usage(() => parseResources({topic: ['']}))
    usage(() => parseResources({topic: ['bad name']}))
    usage(() => parseResources({'resource-name': 'x'}))
    usage(() => parseResources({'resource-type': 'queue', 'resource-name': 'x'}))
  })

  it('expands --producer like kafka-acls: WRITE, DESCRIBE, CREATE on topics; WRITE, DESCRIBE on transactional ids; IDEMPOTENT_WRITE with --idempotent', () => {
    const b = expandAclFlags({
      'allow-principal': ['User:p'],
      producer: true,
      idempotent: true,
      topic: ['t'],
      'transactional-id': ['tx'],
    }).map(short)
    expect(b).to.deep.equal([
      'ALLOW User:p@* IDEMPOTENT_WRITE CLUSTER:kafka-cluster:LITERAL',
      'ALLOW User:p@* CREATE TOPIC:t:LITERAL',
      'ALLOW User:p@* DESCRIBE TOPIC:t:LITERAL',
      'ALLOW User:p@* WRITE TOPIC:t:LITERAL',
      'ALLOW User:p@* DESCRIBE TRANSACTIONAL_ID:tx:LITERAL',
      'ALLOW User:p@* WRITE TRANSACTIONAL_ID:tx:LITERAL',
    ])
  })

  it('expands --consumer: READ, DESCRIBE on topics and READ on groups, per principal and host', () => {
    const b = expandAclFlags({
      'allow-principal': ['User:c'],
      'allow-host': ['10.0.0.1', '10.0.0.2'],
      consumer: true,
      topic: ['t'],
      group: ['g'],
      'resource-pattern-type': 'prefixed',
    }).map(short)
    expect(b).to.deep.equal([
      'ALLOW User:c@10.0.0.1 READ GROUP:g:PREFIXED',
      'ALLOW User:c@10.0.0.2 READ GROUP:g:PREFIXED',
      'ALLOW User:c@10.0.0.1 DESCRIBE TOPIC:t:PREFIXED',
      'ALLOW User:c@10.0.0.2 DESCRIBE TOPIC:t:PREFIXED',
      'ALLOW User:c@10.0.0.1 READ TOPIC:t:PREFIXED',
      'ALLOW User:c@10.0.0.2 READ TOPIC:t:PREFIXED',
    ])
  })

  it('crosses principals x hosts x operations for plain bindings, allow and deny', () => {
    const b = expandAclFlags({
      'allow-principal': ['User:a', 'User:b'],
      'deny-principal': ['User:m'],
      'deny-host': ['10.1.1.1'],
      operation: ['read', 'write'],
      topic: ['t'],
    })
    expect(b).to.have.length(6)
    expect(b.filter((x) => x.permission === 'DENY').map(short)).to.deep.equal([
      'DENY User:m@10.1.1.1 READ TOPIC:t:LITERAL',
      'DENY User:m@10.1.1.1 WRITE TOPIC:t:LITERAL',
    ])
  })

  it('refuses what kafka-acls refuses', () => {
    usage(() => expandAclFlags({'allow-principal': ['User:a'], producer: true, operation: ['read'], topic: ['t']}))
    usage(() => expandAclFlags({'allow-principal': ['User:a'], consumer: true, topic: ['t']}))
    usage(() => expandAclFlags({'allow-principal': ['User:a'], producer: true}))
    usage(() => expandAclFlags({'allow-principal': ['User:a'], idempotent: true, topic: ['t'], operation: ['write']}))
    usage(() => expandAclFlags({'deny-principal': ['User:a'], consumer: true, topic: ['t'], group: ['g']}))
    usage(() => expandAclFlags({operation: ['read'], topic: ['t']}))
    usage(() => expandAclFlags({'allow-principal': ['User:a'], topic: ['t']}))
    usage(() => expandAclFlags({'allow-principal': ['User:a'], operation: ['read']}))
    expect(
      usage(() => expandAclFlags({'allow-principal': ['User:a'], operation: ['write'], group: ['g']})).hint,
    ).to.include('GROUP supports')
    usage(() =>
      expandAclFlags({
        'allow-principal': ['User:a'],
        operation: ['alter'],
        cluster: true,
        'resource-pattern-type': 'prefixed',
      }),
    )
    usage(() =>
      expandAclFlags({
        'allow-principal': ['User:a'],
        operation: ['read'],
        topic: ['t'],
        'resource-pattern-type': 'match',
      }),
    )
    usage(() =>
      expandAclFlags({'allow-host': ['1.2.3.4'], 'deny-principal': ['User:a'], operation: ['read'], topic: ['t']}),
    )
  })

  it('parses list/delete filters with a default pattern type', () => {
    const f = parseAclFilter({principal: ['User:a'], operation: ['Read'], topic: ['t'], permission: 'deny'}, 'ANY')
    expect(f).to.deep.equal({
      resources: [{resourceType: 'TOPIC', resourceName: 't'}],
      patternType: 'ANY',
      principals: ['User:a'],
      hosts: [],
      operations: ['READ'],
      permission: 'DENY',
    })
    expect(parseAclFilter({'resource-pattern-type': 'match'}, 'LITERAL').patternType).to.equal('MATCH')
    usage(() => parseAclFilter({permission: 'maybe'}, 'ANY'))
    usage(() => parseAclFilter({'resource-pattern-type': 'regex'}, 'ANY'))
  })
})
