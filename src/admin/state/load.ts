import type {KctlErrorCode} from '../../errors.js'
import {readFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

import AjvModule, {type ErrorObject, type ValidateFunction} from 'ajv'
import {type Document, LineCounter, type Node, isMap, isScalar, isSeq, parseDocument} from 'yaml'

import {KctlError, usageError} from '../../errors.js'
import {type AclEntryFlags, type AclBinding, dedupeBindings, expandAclFlags, sortBindings} from '../../input/acl.js'
import {didYouMean} from '../../input/did-you-mean.js'
import {BROKER_CONFIG_KEYS, TOPIC_CONFIG_KEYS} from '../configs/config-keys.js'
import {CLIENT_METRICS_CONFIG_KEYS, GROUP_CONFIG_KEYS, LOG_LEVELS} from '../configs/configs.js'
import {isInternalTopic} from '../topics/internal-topics.js'
import {QUOTA_KEYS, checkQuotaKeysForEntity, validateQuotaEntity} from '../security/quotas.js'
import {
  type DesiredState,
  type Locate,
  type QuotaScopeEntry,
  STATE_KINDS,
  type Scope,
  type StateKind,
  type TopicState,
  emptyConfigs,
} from './model.js'
import {emptyScope, isEmptyScope, quotaEntityFromFile, quotaKey, scopeMatcher} from './scope.js'
import {configValueText, parseSize} from './values.js'

export const STATE_SCHEMA_FILE = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'schemas',
  'state-file.json',
)

type Path = (string | number)[]
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- YAML documents are walked generically and checked by the schema first
type Json = Record<string, any>

let validator: ValidateFunction | undefined
function schemaValidator(): ValidateFunction {
  if (!validator) {
    const Ajv = ((AjvModule as unknown as {default?: typeof AjvModule}).default ?? AjvModule) as unknown as new (
      o: object,
    ) => {compile(s: object): ValidateFunction}
    validator = new Ajv({allErrors: true, strict: false, verbose: true}).compile(
      JSON.parse(readFileSync(STATE_SCHEMA_FILE, 'utf8')),
    )
  }
  return validator
}

interface ParsedFile {
  file: string
  doc: Document
  lines: LineCounter
  data: Json
}

const fieldName = (path: Path) => path.map(String).join('.') || '(top level)'

const FORMAT_HINT = 'Fix the file; nothing was changed. The format: schemas/state-file.json, docs/state-as-code.md.'

function fileError(
  file: string,
  line: number | undefined,
  path: Path,
  message: string,
  hint?: string,
  code: KctlErrorCode = 'INVALID_STATE_FILE',
): KctlError {
  return usageError(`${file}${line ? `:${line}` : ''}: ${fieldName(path)}: ${message}`, hint ?? FORMAT_HINT, code, {
    file,
    line: line ?? null,
    field: fieldName(path),
  })
}

function lineOf(p: ParsedFile, path: Path, key?: string): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? p.doc.contents : (p.doc.getIn(path.slice(0, n), true) as Node | undefined)
    if (!node || !('range' in node) || !node.range) continue
    if (n === path.length && key !== undefined && isMap(node)) {
      const pair = node.items.find((i) => isScalar(i.key) && String(i.key.value) === key)
      const range = pair && isScalar(pair.key) ? pair.key.range : undefined
      if (range) return p.lines.linePos(range[0]).line
    }
    // A map value points at its key's line (where an editor shows the field).
    if (n > 0) {
      const parent = n === 1 ? p.doc.contents : (p.doc.getIn(path.slice(0, n - 1), true) as Node | undefined)
      if (isMap(parent)) {
        const pair = parent.items.find((i) => isScalar(i.key) && String(i.key.value) === String(path[n - 1]))
        if (pair && isScalar(pair.key) && pair.key.range) return p.lines.linePos(pair.key.range[0]).line
      }
    }
    return p.lines.linePos(node.range[0]).line
  }
  return undefined
}

const unescapePointer = (s: string) => s.replaceAll('~1', '/').replaceAll('~0', '~')

function schemaError(p: ParsedFile, errors: ErrorObject[]): KctlError {
  // The deepest error is the most specific (oneOf reports every branch's complaint).
  const depth = (e: ErrorObject) =>
    e.instancePath.split('/').length + (e.keyword === 'oneOf' || e.keyword === 'type' ? 0 : 0.5)
  const best = [...errors].sort((a, b) => depth(b) - depth(a))[0]
  const path: Path = best.instancePath === '' ? [] : best.instancePath.slice(1).split('/').map(unescapePointer)
  const fixed = path.map((s, i) =>
    typeof s === 'string' && /^\d+$/.test(s) && isSeq(p.doc.getIn(path.slice(0, i), true)) ? Number(s) : s,
  )
  if (best.keyword === 'additionalProperties') {
    const extra = String(best.params.additionalProperty)
    const known = Object.keys((best.parentSchema as {properties?: object})?.properties ?? {})
    return fileError(
      p.file,
      lineOf(p, fixed, extra),
      [...fixed, extra],
      'unknown field',
      didYouMean(extra, known) ?? (known.length > 0 ? `Fields here: ${known.join(', ')}.` : undefined),
    )
  }
  if (best.keyword === 'propertyNames') {
    const name = String(best.params.propertyName)
    return fileError(
      p.file,
      lineOf(p, fixed, name),
      [...fixed, name],
      'invalid name',
      'Topic names use letters, digits, ".", "_" and "-"; broker ids are numbers.',
    )
  }
  if (best.keyword === 'enum')
    return fileError(
      p.file,
      lineOf(p, fixed),
      fixed,
      `must be one of ${(best.params.allowedValues as unknown[]).join(', ')}`,
    )
  if (best.keyword === 'pattern' && fixed.at(-1) === 'password')
    return fileError(
      p.file,
      lineOf(p, fixed),
      fixed,
      'a password is only a reference',
      'Write ${env:VARIABLE} or ${file:/path/to/file}: state files never hold secrets.',
      'LITERAL_SECRET',
    )
  return fileError(p.file, lineOf(p, fixed), fixed, best.message ?? 'invalid')
}

function parseFile(file: string, text: string): ParsedFile {
  const lines = new LineCounter()
  // yaml's own uniqueKeys check compares every pair with every other (quadratic in 1,000 topics): checked below instead.
  const doc = parseDocument(text, {lineCounter: lines, uniqueKeys: false, prettyErrors: false})
  const first = doc.errors[0]
  if (first) {
    throw fileError(
      file,
      first.linePos?.[0].line ?? lines.linePos(first.pos[0]).line,
      [],
      `YAML error: ${first.message.split('\n')[0]}`,
      'Fix the YAML syntax; nothing was changed.',
      'INVALID_YAML',
    )
  }
  const duplicate = findDuplicateKey(doc.contents)
  if (duplicate)
    throw fileError(
      file,
      lines.linePos(duplicate.offset).line,
      duplicate.path,
      'duplicate key (map keys must be unique)',
      'Keep one of them; nothing was changed.',
      'INVALID_YAML',
    )
  const data = (doc.toJS() ?? {}) as Json
  if (typeof data !== 'object' || Array.isArray(data))
    throw fileError(file, 1, [], 'a state file is a YAML mapping', 'Start with keys such as scope:, topics:, acls:.')
  const parsed = {file, doc, lines, data}
  const validate = schemaValidator()
  if (!validate(data)) throw schemaError(parsed, validate.errors ?? [])
  return parsed
}

function findDuplicateKey(node: unknown, path: Path = []): {path: Path; offset: number} | undefined {
  if (isMap(node)) {
    const seen = new Set<string>()
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key)
      if (seen.has(key)) return {path: [...path, key], offset: (pair.key as Node).range?.[0] ?? 0}
      seen.add(key)
      const inner = findDuplicateKey(pair.value, [...path, key])
      if (inner) return inner
    }
  } else if (isSeq(node)) {
    for (const [i, item] of node.items.entries()) {
      const inner = findDuplicateKey(item, [...path, i])
      if (inner) return inner
    }
  }
  return undefined
}

/** Merge overlays: maps deep, `null` removes an entry, acls/quotas/scope lists append, other values replace. */
function merge(
  target: Json,
  source: Json,
  path: Path,
  origins: Origins,
  origin: (p: Path) => string | undefined,
  offsets: Record<string, number>,
): void {
  for (const [key, value] of Object.entries(source)) {
    const here = [...path, key]
    const at = () => origin(here)
    if (value === null) {
      delete target[key]
      continue
    }
    const appendList =
      Array.isArray(value) && (path.length === 0 ? key === 'acls' || key === 'quotas' : path[0] === 'scope')
    if (appendList) {
      const list = (target[key] ??= []) as unknown[]
      const offset = list.length
      value.forEach((item, i) => {
        list.push(item)
        record(origins, [...here, offset + i], () => origin([...here, i]))
        if (typeof item === 'object' && item !== null)
          for (const k of Object.keys(item)) record(origins, [...here, offset + i, k], () => origin([...here, i, k]))
      })
      offsets[here.join('.')] = offset
    } else if (typeof value === 'object' && !Array.isArray(value)) {
      if (typeof target[key] !== 'object' || target[key] === null || Array.isArray(target[key])) target[key] = {}
      record(origins, here, at)
      merge(target[key], value, here, origins, origin, offsets)
    } else {
      target[key] = value
      record(origins, here, at)
    }
  }
}

/** Where each merged path was last written, computed only when an error or a change asks. */
type Origins = Map<string, () => string | undefined>

function record(origins: Origins, path: Path, at: () => string | undefined): void {
  origins.set(path.join('\u0000'), at)
}

/** Read, validate (schema) and merge state files in order; then check them as a whole. */
export function loadStateFiles(
  files: string[],
  read: (f: string) => string = (f) => readFileSync(f, 'utf8'),
): {desired: DesiredState; locate: Locate} {
  if (files.length === 0)
    throw usageError('No state file given', 'Pass -f FILE (repeatable: a base, then overlays).', 'MISSING_STATE_FILE')
  const merged: Json = {}
  const origins: Origins = new Map()
  for (const file of files) {
    let text: string
    try {
      text = read(file)
    } catch (error) {
      throw usageError(
        `Cannot read ${file}: ${(error as Error).message}`,
        'Check the path given to -f.',
        'STATE_FILE_UNREADABLE',
      )
    }
    const p = parseFile(file, text)
    const origin = (path: Path) => {
      const last = path.at(-1)
      const line = lineOf(
        p,
        typeof last === 'string' ? path.slice(0, -1) : path,
        typeof last === 'string' ? last : undefined,
      )
      return `${file}${line ? `:${line}` : ''}`
    }
    merge(merged, p.data, [], origins, origin, {})
  }
  const locate: Locate = (path) => {
    for (let n = path.length; n > 0; n--) {
      const at = origins.get(path.slice(0, n).join('\u0000'))?.()
      if (at) return at
    }
    return files[0]
  }
  return {desired: normalize(merged, files, locate), locate}
}

/** A usage error that names where in the files the field is. */
function at(
  locate: Locate,
  path: Path,
  message: string,
  hint?: string,
  code: KctlErrorCode = 'INVALID_STATE_FILE',
): KctlError {
  const where = locate(path)
  const [file, line] = (where ?? '').split(/:(?=\d+$)/)
  return usageError(`${where ?? '?'}: ${fieldName(path)}: ${message}`, hint ?? FORMAT_HINT, code, {
    file,
    line: line ? Number(line) : null,
    field: fieldName(path),
  })
}

function rethrowAt<T>(locate: Locate, path: Path, fn: () => T): T {
  try {
    return fn()
  } catch (error) {
    if (error instanceof KctlError) throw at(locate, path, error.message, error.hint, error.code)
    throw error
  }
}

const KNOWN_KEYS = {
  topic: TOPIC_CONFIG_KEYS,
  broker: BROKER_CONFIG_KEYS,
  group: GROUP_CONFIG_KEYS,
  'client-metrics': CLIENT_METRICS_CONFIG_KEYS,
}

function configsOf(
  raw: Json | undefined,
  kind: keyof typeof KNOWN_KEYS,
  path: Path,
  locate: Locate,
): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, value] of Object.entries(raw ?? {})) {
    if (value === null) continue
    const known = KNOWN_KEYS[kind]
    if (!known.has(key) && !(kind === 'broker' && key.startsWith('listener.name.'))) {
      throw at(
        locate,
        [...path, key],
        `unknown ${kind} config key`,
        didYouMean(key, known) ?? `See Kafka's ${kind} configs.`,
        'UNKNOWN_CONFIG_KEY',
      )
    }
    out[key] = rethrowAt(locate, [...path, key], () => configValueText(key, value))
  }
  return out
}

function normalizeScope(raw: Json | undefined, locate: Locate): Scope {
  const scope = emptyScope()
  const t = raw?.topics ?? {}
  scope.topics = {
    prefixes: t.prefixes ?? [],
    patterns: t.patterns ?? [],
    exclude: t.exclude ?? [],
    excludePatterns: t.excludePatterns ?? [],
  }
  for (const key of ['patterns', 'excludePatterns'] as const) {
    scope.topics[key].forEach((re, i) => {
      try {
        new RegExp(re)
      } catch (error) {
        throw at(locate, ['scope', 'topics', key, i], `invalid regular expression: ${(error as Error).message}`)
      }
    })
  }
  scope.principals = raw?.principals ?? []
  scope.users = raw?.users ?? []
  scope.quotas = raw?.quotas ?? []
  scope.groups = raw?.groups ?? []
  scope.clientMetrics = raw?.clientMetrics ?? []
  if (isEmptyScope(scope)) {
    throw at(
      locate,
      ['scope'],
      'the scope is empty: the file would own nothing (or, worse, be read as owning everything)',
      'Name what the file owns, e.g. scope: {topics: {prefixes: [orders.]}, principals: [User:orders-app]}.',
      'EMPTY_SCOPE',
    )
  }
  return scope
}

function normalize(doc: Json, files: string[], locate: Locate): DesiredState {
  const scope = normalizeScope(doc.scope, locate)
  const inScope = scopeMatcher(scope)
  const kinds = STATE_KINDS.filter((k) => doc[k] !== undefined) as StateKind[]
  const defaults = doc.defaults ?? {}
  const defaultConfigs = configsOf(defaults.configs, 'topic', ['defaults', 'configs'], locate)

  const topics: Record<string, TopicState> = {}
  for (const [name, t] of Object.entries((doc.topics ?? {}) as Record<string, Json | null>)) {
    if (t === null) continue
    if (isInternalTopic(name) || name.startsWith('__'))
      throw at(
        locate,
        ['topics', name],
        'internal topics are never managed',
        'Remove it from the file.',
        'INTERNAL_TOPIC',
      )
    if (!inScope.topic(name))
      throw at(
        locate,
        ['topics', name],
        'the topic is outside the scope',
        'Add its prefix or a pattern to scope.topics, or remove it.',
        'OUT_OF_SCOPE',
      )
    topics[name] = {
      partitions: t.partitions ?? defaults.partitions,
      replicationFactor: t.replicationFactor ?? defaults.replicationFactor,
      configs: {...defaultConfigs, ...configsOf(t.configs, 'topic', ['topics', name, 'configs'], locate)},
    }
  }

  const acls: AclBinding[] = []
  ;((doc.acls ?? []) as Json[]).forEach((a, i) => {
    const principals: string[] = a.principals ?? (a.principal ? [a.principal] : [])
    if (principals.length === 0)
      throw at(locate, ['acls', i], 'an ACL needs principal (or principals)', 'E.g. principal: User:orders-app.')
    const outside = principals.find((p) => !inScope.principal(p))
    if (outside)
      throw at(
        locate,
        ['acls', i, a.principal ? 'principal' : 'principals'],
        `principal ${outside} is outside the scope`,
        'Add it to scope.principals.',
        'OUT_OF_SCOPE',
      )
    const deny = String(a.permission ?? 'allow').toLowerCase() === 'deny'
    const flags: AclEntryFlags = {
      [deny ? 'deny-principal' : 'allow-principal']: principals,
      [deny ? 'deny-host' : 'allow-host']: a.hosts,
      operation: a.operations,
      producer: a.producer,
      consumer: a.consumer,
      idempotent: a.idempotent,
      topic: a.topics,
      group: a.groups,
      'transactional-id': a.transactionalIds,
      'delegation-token': a.delegationTokens,
      cluster: a.cluster,
      'resource-pattern-type': a.patternType,
    }
    acls.push(...rethrowAt(locate, ['acls', i], () => expandAclFlags(flags)))
  })

  const quotas = new Map<string, {entity: ReturnType<typeof quotaEntityFromFile>; values: Record<string, number>}>()
  ;((doc.quotas ?? []) as {entity: QuotaScopeEntry; values: Record<string, number | string>}[]).forEach((q, i) => {
    const entity = quotaEntityFromFile(q.entity)
    rethrowAt(locate, ['quotas', i, 'entity'], () => validateQuotaEntity(entity, {requireOne: true}))
    if (!inScope.quota(entity))
      throw at(
        locate,
        ['quotas', i, 'entity'],
        `the quota entity ${quotaKey(entity)} is outside the scope`,
        'Add it to scope.quotas.',
        'OUT_OF_SCOPE',
      )
    rethrowAt(locate, ['quotas', i, 'values'], () => checkQuotaKeysForEntity(entity, Object.keys(q.values)))
    const values: Record<string, number> = {}
    for (const [k, v] of Object.entries(q.values)) {
      if (!(QUOTA_KEYS as readonly string[]).includes(k))
        throw at(locate, ['quotas', i, 'values', k], 'unknown quota', `Quotas: ${QUOTA_KEYS.join(', ')}.`)
      values[k] = typeof v === 'number' ? v : (parseSize(v) ?? Number(v))
    }
    const key = quotaKey(entity)
    quotas.set(key, {entity, values: {...quotas.get(key)?.values, ...values}})
  })

  const users: DesiredState['users'] = {}
  for (const [name, u] of Object.entries((doc.users ?? {}) as Record<string, Json | null>)) {
    if (u === null) continue
    if (!inScope.user(name))
      throw at(locate, ['users', name], 'the user is outside the scope', 'Add it to scope.users.', 'OUT_OF_SCOPE')
    const mechanisms: Record<string, number> = {}
    for (const m of u.mechanisms as {mechanism: string; iterations?: number}[])
      mechanisms[m.mechanism] = m.iterations ?? 4096
    users[name] = {mechanisms, ...(u.password ? {password: u.password} : {})}
  }

  const configs = emptyConfigs()
  const c = doc.configs ?? {}
  configs.brokerDefaults = configsOf(c.brokerDefaults, 'broker', ['configs', 'brokerDefaults'], locate)
  for (const [id, values] of Object.entries((c.brokers ?? {}) as Record<string, Json>))
    configs.brokers[id] = configsOf(values, 'broker', ['configs', 'brokers', id], locate)
  for (const [id, loggers] of Object.entries((c.brokerLoggers ?? {}) as Record<string, Record<string, string>>)) {
    configs.brokerLoggers[id] = Object.fromEntries(
      Object.entries(loggers).filter(([, v]) => v !== null && LOG_LEVELS.includes(v)),
    )
  }
  const named = [
    ['groups', 'group', 'scope.groups', (n: string) => inScope.group(n)],
    ['clientMetrics', 'client-metrics', 'scope.clientMetrics', (n: string) => inScope.clientMetrics(n)],
  ] as const
  for (const [section, kind, scopeField, owned] of named) {
    for (const [name, values] of Object.entries((c[section] ?? {}) as Record<string, Json | null>)) {
      if (values === null) continue
      if (!owned(name))
        throw at(
          locate,
          ['configs', section, name],
          `the ${kind === 'group' ? 'group' : 'client-metrics subscription'} is outside the scope`,
          `Add it to ${scopeField}.`,
          'OUT_OF_SCOPE',
        )
      configs[section][name] = configsOf(values, kind, ['configs', section, name], locate)
    }
  }

  return {
    clusterId: doc.cluster?.id ?? null,
    prune: doc.prune === true,
    scope,
    kinds,
    files,
    topics,
    acls: sortBindings(dedupeBindings(acls)),
    quotas: [...quotas.values()].sort((a, b) => quotaKey(a.entity).localeCompare(quotaKey(b.entity))),
    users,
    configs,
  }
}
