import {expect} from 'chai'

import {type AccessRequest, authorize} from '../../../../src/admin/security/acl-authorizer.js'
import type {AclBinding} from '../../../../src/input/acl.js'

const bind = (s: string): AclBinding => {
  // "ALLOW User:a@* READ TOPIC:orders:LITERAL"
  const [permission, who, operation, resource] = s.split(' ')
  const [principalType, rest] = [who.slice(0, who.indexOf(':')), who.slice(who.indexOf(':') + 1)]
  const [name, host] = rest.split('@')
  const [resourceType, resourceName, patternType] = resource.split(':')
  return {
    permission,
    principal: `${principalType}:${name}`,
    host,
    operation,
    resourceType,
    resourceName,
    patternType,
  } as AclBinding
}

const req = (op: string, topic: string, principal = 'User:alice', host = '10.0.0.1'): AccessRequest =>
  ({principal, host, operation: op, resourceType: 'TOPIC', resourceName: topic}) as AccessRequest
const settings = {superUsers: ['User:admin'], allowEveryoneIfNoAclFound: false}

describe('acls check evaluation (StandardAuthorizer semantics)', () => {
  const cases: [string, string[], AccessRequest, 'ALLOWED' | 'DENIED', string][] = [
    [
      'literal allow',
      ['ALLOW User:alice@* READ TOPIC:orders:LITERAL'],
      req('READ', 'orders'),
      'ALLOWED',
      'allow-binding',
    ],
    [
      'literal on another topic',
      ['ALLOW User:alice@* READ TOPIC:orders:LITERAL'],
      req('READ', 'orders2'),
      'DENIED',
      'no-binding',
    ],
    [
      'prefixed allow',
      ['ALLOW User:alice@* READ TOPIC:ord:PREFIXED'],
      req('READ', 'orders'),
      'ALLOWED',
      'allow-binding',
    ],
    [
      'prefixed is not a suffix match',
      ['ALLOW User:alice@* READ TOPIC:ders:PREFIXED'],
      req('READ', 'orders'),
      'DENIED',
      'no-binding',
    ],
    ['wildcard resource', ['ALLOW User:alice@* WRITE TOPIC:*:LITERAL'], req('WRITE', 'x'), 'ALLOWED', 'allow-binding'],
    [
      'wildcard principal',
      ['ALLOW User:*@* READ TOPIC:orders:LITERAL'],
      req('READ', 'orders'),
      'ALLOWED',
      'allow-binding',
    ],
    [
      'User:* applies to every principal, whatever its type',
      ['ALLOW User:*@* READ TOPIC:orders:LITERAL'],
      req('READ', 'orders', 'Group:ops'),
      'ALLOWED',
      'allow-binding',
    ],
    ['other principal', ['ALLOW User:bob@* READ TOPIC:orders:LITERAL'], req('READ', 'orders'), 'DENIED', 'no-binding'],
    [
      'host-specific match',
      ['ALLOW User:alice@10.0.0.1 READ TOPIC:orders:LITERAL'],
      req('READ', 'orders'),
      'ALLOWED',
      'allow-binding',
    ],
    [
      'host-specific mismatch',
      ['ALLOW User:alice@10.0.0.2 READ TOPIC:orders:LITERAL'],
      req('READ', 'orders'),
      'DENIED',
      'no-binding',
    ],
    [
      'deny overrides allow',
      ['ALLOW User:alice@* READ TOPIC:orders:LITERAL', 'DENY User:alice@* READ TOPIC:ord:PREFIXED'],
      req('READ', 'orders'),
      'DENIED',
      'deny-binding',
    ],
    [
      'deny for User:* overrides a literal allow',
      ['ALLOW User:alice@* ALL TOPIC:orders:LITERAL', 'DENY User:*@* WRITE TOPIC:*:LITERAL'],
      req('WRITE', 'orders'),
      'DENIED',
      'deny-binding',
    ],
    [
      'deny on another host does not apply',
      ['ALLOW User:alice@* READ TOPIC:orders:LITERAL', 'DENY User:alice@10.9.9.9 READ TOPIC:orders:LITERAL'],
      req('READ', 'orders'),
      'ALLOWED',
      'allow-binding',
    ],
    [
      'READ implies DESCRIBE',
      ['ALLOW User:alice@* READ TOPIC:orders:LITERAL'],
      req('DESCRIBE', 'orders'),
      'ALLOWED',
      'allow-binding',
    ],
    [
      'WRITE/DELETE/ALTER imply DESCRIBE',
      ['ALLOW User:alice@* ALTER TOPIC:orders:LITERAL'],
      req('DESCRIBE', 'orders'),
      'ALLOWED',
      'allow-binding',
    ],
    [
      'CREATE does not imply DESCRIBE',
      ['ALLOW User:alice@* CREATE TOPIC:orders:LITERAL'],
      req('DESCRIBE', 'orders'),
      'DENIED',
      'no-binding',
    ],
    [
      'ALTER_CONFIGS implies DESCRIBE_CONFIGS',
      ['ALLOW User:alice@* ALTER_CONFIGS TOPIC:orders:LITERAL'],
      req('DESCRIBE_CONFIGS', 'orders'),
      'ALLOWED',
      'allow-binding',
    ],
    [
      'DENY READ does not deny DESCRIBE',
      ['ALLOW User:alice@* DESCRIBE TOPIC:orders:LITERAL', 'DENY User:alice@* READ TOPIC:orders:LITERAL'],
      req('DESCRIBE', 'orders'),
      'ALLOWED',
      'allow-binding',
    ],
    [
      'DENY ALL denies everything',
      ['ALLOW User:alice@* READ TOPIC:orders:LITERAL', 'DENY User:alice@* ALL TOPIC:orders:LITERAL'],
      req('READ', 'orders'),
      'DENIED',
      'deny-binding',
    ],
    [
      'ALLOW ALL allows anything',
      ['ALLOW User:alice@* ALL TOPIC:orders:LITERAL'],
      req('DELETE', 'orders'),
      'ALLOWED',
      'allow-binding',
    ],
    [
      'unknown host (*) only matches * bindings',
      ['ALLOW User:alice@10.0.0.1 READ TOPIC:orders:LITERAL'],
      req('READ', 'orders', 'User:alice', '*'),
      'DENIED',
      'no-binding',
    ],
    [
      'super user',
      ['DENY User:admin@* ALL TOPIC:orders:LITERAL'],
      req('READ', 'orders', 'User:admin'),
      'ALLOWED',
      'super-user',
    ],
  ]
  for (const [name, bindings, request, decision, reason] of cases) {
    it(`${name}: ${decision}`, () => {
      const d = authorize(request, bindings.map(bind), settings)
      expect(d.decision).to.equal(decision)
      expect(d.reason).to.equal(reason)
      if (reason === 'deny-binding' || reason === 'allow-binding')
        expect(d.decidedBy?.permission).to.equal(reason === 'deny-binding' ? 'DENY' : 'ALLOW')
      else expect(d.decidedBy).to.equal(null)
    })
  }

  it('names the most specific binding that decided and lists every applicable one', () => {
    const d = authorize(
      req('READ', 'orders'),
      [
        'ALLOW User:*@* READ TOPIC:*:LITERAL',
        'ALLOW User:alice@* READ TOPIC:ord:PREFIXED',
        'ALLOW User:alice@* READ TOPIC:orders:LITERAL',
      ].map(bind),
      settings,
    )
    expect(d.decidedBy).to.deep.include({resourceName: 'orders', patternType: 'LITERAL'})
    expect(d.matching.map((b) => b.resourceName)).to.deep.equal(['orders', 'ord', '*'])
    expect(d.explanation).to.include('ALLOW User:alice READ on TOPIC orders')
  })

  it('honours allow.everyone.if.no.acl.found only for resources without any binding', () => {
    const open = {superUsers: [], allowEveryoneIfNoAclFound: true}
    expect(authorize(req('READ', 'free'), [], open).decision).to.equal('ALLOWED')
    expect(
      authorize(req('READ', 'orders'), [bind('ALLOW User:bob@* READ TOPIC:orders:LITERAL')], open).decision,
    ).to.equal('DENIED')
  })
})
