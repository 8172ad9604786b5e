import {type AclBinding, type AclOperation, type AclResourceType, WILDCARD} from '../../input/acl.js'

/** The question `kctl acls check` answers: may PRINCIPAL do OPERATION on this resource from HOST? */
export interface AccessRequest {
  principal: string
  /** The client's IP address; `*` means unknown, so only bindings for every host (`*`) apply. */
  host: string
  operation: AclOperation
  resourceType: AclResourceType
  resourceName: string
}

export type Decision = 'ALLOWED' | 'DENIED'
export type DecisionReason = 'super-user' | 'deny-binding' | 'allow-binding' | 'no-binding' | 'allow-everyone-if-no-acl'

export interface AccessDecision {
  request: AccessRequest
  decision: Decision
  reason: DecisionReason
  /** The binding that decided (null for super users and when no binding matches). */
  decidedBy: AclBinding | null
  /** Every binding that applies to this principal, host and operation, most specific first. */
  matching: AclBinding[]
  explanation: string
}

export interface AuthorizerSettings {
  superUsers: string[]
  allowEveryoneIfNoAclFound: boolean
}

/** The operations an ALLOW binding also grants (StandardAuthorizerData.IMPLIES_DESCRIBE/…_CONFIGS). */
const IMPLIES: Partial<Record<AclOperation, AclOperation[]>> = {
  DESCRIBE: ['DESCRIBE', 'READ', 'WRITE', 'DELETE', 'ALTER'],
  DESCRIBE_CONFIGS: ['DESCRIBE_CONFIGS', 'ALTER_CONFIGS'],
}

/** Does the binding's resource pattern cover the resource (literal, `*` wildcard, prefixed)? */
export function resourceMatches(b: AclBinding, type: AclResourceType, name: string): boolean {
  if (b.resourceType !== type) return false
  if (b.patternType === 'LITERAL') return b.resourceName === name || b.resourceName === WILDCARD
  return name.startsWith(b.resourceName)
}

/** StandardAuthorizerData.findResult: null when the binding does not apply. */
export function bindingResult(b: AclBinding, req: AccessRequest): Decision | null {
  if (b.principal !== req.principal && b.principal !== `User:${WILDCARD}`) return null
  if (b.host !== WILDCARD && b.host !== req.host) return null
  if (b.operation !== 'ALL') {
    if (b.permission === 'ALLOW') {
      const granted = IMPLIES[req.operation] ?? [req.operation]
      if (!granted.includes(b.operation)) return null
    } else if (b.operation !== req.operation) {
      return null
    }
  }
  return b.permission === 'ALLOW' ? 'ALLOWED' : 'DENIED'
}

/** More specific first: literal name, then longer prefixes, then the `*` wildcard. */
function specificity(b: AclBinding): number {
  if (b.patternType === 'LITERAL') return b.resourceName === WILDCARD ? 0 : 1_000_000
  return 1 + b.resourceName.length
}

/**
 * Decide like Kafka's StandardAuthorizer: super users may do anything; otherwise any matching
 * DENY wins, then any matching ALLOW; with no matching binding the request is denied (unless
 * allow.everyone.if.no.acl.found is set and the resource has no bindings at all).
 */
export function authorize(req: AccessRequest, bindings: AclBinding[], settings: AuthorizerSettings): AccessDecision {
  const onResource = bindings.filter((b) => resourceMatches(b, req.resourceType, req.resourceName))
  const matching = onResource
    .filter((b) => bindingResult(b, req) !== null)
    .sort(
      (a, b) =>
        specificity(b) - specificity(a) || (a.permission === b.permission ? 0 : a.permission === 'DENY' ? -1 : 1),
    )
  const what = `${req.operation} on ${req.resourceType} ${req.resourceName}`
  const base = {request: req, matching}
  if (settings.superUsers.includes(req.principal)) {
    return {
      ...base,
      decision: 'ALLOWED',
      reason: 'super-user',
      decidedBy: null,
      explanation: `${req.principal} is a super user (super.users): every operation is allowed, whatever the bindings say`,
    }
  }
  const deny = matching.find((b) => b.permission === 'DENY')
  if (deny)
    return {
      ...base,
      decision: 'DENIED',
      reason: 'deny-binding',
      decidedBy: deny,
      explanation: `DENY binding ${describeBinding(deny)} matches ${what}; DENY overrides any ALLOW`,
    }
  const allow = matching.find((b) => b.permission === 'ALLOW')
  if (allow)
    return {
      ...base,
      decision: 'ALLOWED',
      reason: 'allow-binding',
      decidedBy: allow,
      explanation: `ALLOW binding ${describeBinding(allow)} grants ${what}`,
    }
  if (settings.allowEveryoneIfNoAclFound && onResource.length === 0) {
    return {
      ...base,
      decision: 'ALLOWED',
      reason: 'allow-everyone-if-no-acl',
      decidedBy: null,
      explanation: `no binding exists for ${req.resourceType} ${req.resourceName} and allow.everyone.if.no.acl.found=true`,
    }
  }
  return {
    ...base,
    decision: 'DENIED',
    reason: 'no-binding',
    decidedBy: null,
    explanation: `no binding matches ${req.principal} for ${what} from host ${req.host}`,
  }
}

export function describeBinding(b: AclBinding): string {
  const pattern = b.patternType === 'PREFIXED' ? `${b.resourceName}*(prefixed)` : b.resourceName
  return `${b.permission} ${b.principal} ${b.operation} on ${b.resourceType} ${pattern} from ${b.host}`
}
