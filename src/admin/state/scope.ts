import {usageError} from '../../errors.js'
import {isInternalTopic} from '../topics/internal-topics.js'
import {type QuotaEntity, formatQuotaEntity} from '../security/quotas.js'
import type {QuotaScopeEntry, Scope} from './model.js'

export const emptyScope = (): Scope => ({
  topics: {prefixes: [], patterns: [], exclude: [], excludePatterns: []},
  principals: [],
  users: [],
  quotas: [],
  groups: [],
  clientMetrics: [],
})

/** Everything (export without --scope): every non-internal topic, principal, user and quota entity. */
export const everythingScope = (): Scope => ({
  topics: {prefixes: [], patterns: ['.*'], exclude: [], excludePatterns: []},
  principals: ['*'],
  users: ['*'],
  quotas: [{user: '*'}, {'client-id': '*'}, {user: '*', 'client-id': '*'}, {ip: '*'}],
  groups: ['*'],
  clientMetrics: ['*'],
})

export function isEmptyScope(s: Scope): boolean {
  return (
    s.topics.prefixes.length +
      s.topics.patterns.length +
      s.principals.length +
      s.users.length +
      s.quotas.length +
      (s.groups?.length ?? 0) +
      (s.clientMetrics?.length ?? 0) ===
    0
  )
}

/** `*` matches anything, `abc*` a prefix, anything else itself. */
export function nameMatches(pattern: string, name: string): boolean {
  if (pattern === '*') return true
  if (pattern.endsWith('*')) return name.startsWith(pattern.slice(0, -1))
  return pattern === name
}

const anchored = (re: string) => new RegExp(`^(?:${re})$`)

/** The scope's predicates (regular expressions compiled once). */
export function scopeMatcher(scope: Scope) {
  const patterns = scope.topics.patterns.map(anchored)
  const excludePatterns = scope.topics.excludePatterns.map(anchored)
  return {
    topic(name: string): boolean {
      if (isInternalTopic(name) || name.startsWith('__')) return false
      const included = scope.topics.prefixes.some((p) => name.startsWith(p)) || patterns.some((re) => re.test(name))
      return (
        included &&
        !scope.topics.exclude.some((p) => name.startsWith(p)) &&
        !excludePatterns.some((re) => re.test(name))
      )
    },
    principal: (p: string) => scope.principals.some((s) => nameMatches(s, p)),
    user: (u: string) => scope.users.some((s) => nameMatches(s, u)),
    quota: (e: QuotaEntity) => scope.quotas.some((s) => quotaEntryMatches(s, e)),
    // Plans written before groups and client-metrics were in the scope have neither list.
    group: (g: string) => (scope.groups ?? []).some((s) => nameMatches(s, g)),
    clientMetrics: (n: string) => (scope.clientMetrics ?? []).some((s) => nameMatches(s, n)),
  }
}

export type ScopeMatcher = ReturnType<typeof scopeMatcher>

const DEFAULT = '<default>'

function quotaEntryMatches(s: QuotaScopeEntry, e: QuotaEntity): boolean {
  const parts: [string | undefined, string | null | undefined][] = [
    [s.user, e.user],
    [s['client-id'], e.clientId],
    [s.ip, e.ip],
  ]
  return parts.every(([pattern, name]) => {
    if (pattern === undefined || name === undefined) return pattern === undefined && name === undefined
    if (name === null) return pattern === DEFAULT || pattern === '*'
    return pattern !== DEFAULT && nameMatches(pattern, name)
  })
}

/** A quota entity as a file names it (`<default>` for the default entity). */
export function quotaEntityFromFile(e: QuotaScopeEntry): QuotaEntity {
  const name = (v: string | undefined) => (v === undefined ? undefined : v === DEFAULT ? null : v)
  const out: QuotaEntity = {}
  if (e.user !== undefined) out.user = name(e.user)
  if (e['client-id'] !== undefined) out.clientId = name(e['client-id'])
  if (e.ip !== undefined) out.ip = name(e.ip)
  return out
}

export function quotaEntityToFile(e: QuotaEntity): QuotaScopeEntry {
  const name = (v: string | null) => v ?? DEFAULT
  const out: QuotaScopeEntry = {}
  if (e.user !== undefined) out.user = name(e.user)
  if (e.clientId !== undefined) out['client-id'] = name(e.clientId)
  if (e.ip !== undefined) out.ip = name(e.ip)
  return out
}

export const quotaKey = (e: QuotaEntity) => formatQuotaEntity(e)

/**
 * `--scope` values of `kctl export`: prefix:P, pattern:RE, exclude:P, exclude-pattern:RE,
 * principal:User:x, user:NAME, quota:user=NAME[,client-id=ID] | quota:ip=IP, group:NAME,
 * client-metrics:NAME.
 */
export function parseScopeFlags(values: string[]): Scope {
  const scope = emptyScope()
  const hint =
    'Use prefix:P, pattern:REGEX, exclude:P, exclude-pattern:REGEX, principal:User:NAME, user:NAME, quota:user=NAME[,client-id=ID], group:NAME or client-metrics:NAME.'
  for (const v of values) {
    const i = v.indexOf(':')
    const kind = i === -1 ? '' : v.slice(0, i)
    const value = i === -1 ? '' : v.slice(i + 1)
    if (value === '') throw usageError(`Invalid --scope "${v}"`, hint, 'INVALID_SCOPE')
    if (kind === 'prefix') scope.topics.prefixes.push(value)
    else if (kind === 'pattern' || kind === 'exclude-pattern') {
      try {
        anchored(value)
      } catch (error) {
        throw usageError(
          `Invalid regular expression in --scope "${v}": ${(error as Error).message}`,
          hint,
          'INVALID_SCOPE',
        )
      }
      ;(kind === 'pattern' ? scope.topics.patterns : scope.topics.excludePatterns).push(value)
    } else if (kind === 'exclude') scope.topics.exclude.push(value)
    else if (kind === 'principal') scope.principals.push(value)
    else if (kind === 'user') scope.users.push(value)
    else if (kind === 'group') scope.groups.push(value)
    else if (kind === 'client-metrics') scope.clientMetrics.push(value)
    else if (kind === 'quota') {
      const entry: QuotaScopeEntry = {}
      for (const part of value.split(',')) {
        const [k, name] = part.split('=')
        if (!['user', 'client-id', 'ip'].includes(k) || !name)
          throw usageError(
            `Invalid quota entity in --scope "${v}"`,
            'E.g. quota:user=alice, quota:user=alice,client-id=app, quota:ip=10.0.0.1, quota:user=<default>.',
            'INVALID_SCOPE',
          )
        entry[k as keyof QuotaScopeEntry] = name
      }
      scope.quotas.push(entry)
    } else throw usageError(`Unknown --scope kind "${kind || v}"`, hint, 'INVALID_SCOPE')
  }
  return scope
}
