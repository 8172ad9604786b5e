import type {KafkaConnection} from '../../connection/client.js'
import {kafkajsRequests} from '../../connection/borrowed-requests.js'
import {toKctlError} from '../../errors.js'
import {
  type AclBinding,
  type AclFilter,
  type AclOperation,
  type AclPatternFilterType,
  type AclPatternType,
  type AclResourceType,
  type ResourceSpec,
  bindingKey,
  dedupeBindings,
  entryMatches,
  sortBindings,
} from '../../input/acl.js'
import {ConfigResourceType} from '../../protocol/config-resources.js'
import {describeConfigResources} from '../configs/configs.js'
import {type AccessDecision, type AccessRequest, type AuthorizerSettings, authorize} from './acl-authorizer.js'

// Kafka's wire codes (kafkajs's ACL_* enums carry the same numbers).
const RESOURCE_CODE: Record<AclResourceType | 'ANY', number> = {
  ANY: 1,
  TOPIC: 2,
  GROUP: 3,
  CLUSTER: 4,
  TRANSACTIONAL_ID: 5,
  DELEGATION_TOKEN: 6,
}
const OPERATION_CODE: Record<AclOperation | 'ANY', number> = {
  ANY: 1,
  ALL: 2,
  READ: 3,
  WRITE: 4,
  CREATE: 5,
  DELETE: 6,
  ALTER: 7,
  DESCRIBE: 8,
  CLUSTER_ACTION: 9,
  DESCRIBE_CONFIGS: 10,
  ALTER_CONFIGS: 11,
  IDEMPOTENT_WRITE: 12,
}
const PATTERN_CODE: Record<AclPatternFilterType, number> = {ANY: 1, MATCH: 2, LITERAL: 3, PREFIXED: 4}
const PERMISSION_CODE = {ANY: 1, DENY: 2, ALLOW: 3} as const

const byCode = <K extends string>(table: Record<K, number>) =>
  new Map(Object.entries(table).map(([k, v]) => [v as number, k as K]))
const RESOURCE_NAME = byCode(RESOURCE_CODE)
const OPERATION_NAME = byCode(OPERATION_CODE)
const PATTERN_NAME = byCode(PATTERN_CODE)
const PERMISSION_NAME = byCode(PERMISSION_CODE)

interface WireFilter {
  resourceType: number
  resourceName: string | null
  resourcePatternType: number
  principal: string | null
  host: string | null
  operation: number
  permissionType: number
}

interface WireAcl {
  principal: string
  host: string
  operation: number
  permissionType: number
}

const fromWire = (
  r: {resourceType: number; resourceName: string; resourcePatternType: number},
  a: WireAcl,
): AclBinding => ({
  resourceType: (RESOURCE_NAME.get(r.resourceType) ?? `UNKNOWN_${r.resourceType}`) as AclResourceType,
  resourceName: r.resourceName,
  patternType: (PATTERN_NAME.get(r.resourcePatternType) ?? `UNKNOWN_${r.resourcePatternType}`) as AclPatternType,
  principal: a.principal,
  host: a.host,
  operation: (OPERATION_NAME.get(a.operation) ?? `UNKNOWN_${a.operation}`) as AclOperation,
  permission: (PERMISSION_NAME.get(a.permissionType) ?? `UNKNOWN_${a.permissionType}`) as AclBinding['permission'],
})

const exactFilter = (b: AclBinding): WireFilter => ({
  resourceType: RESOURCE_CODE[b.resourceType],
  resourceName: b.resourceName,
  resourcePatternType: PATTERN_CODE[b.patternType],
  principal: b.principal,
  host: b.host,
  operation: OPERATION_CODE[b.operation],
  permissionType: PERMISSION_CODE[b.permission],
})

const single = <T>(values: T[]): T | undefined => (values.length === 1 ? values[0] : undefined)

/** One DescribeAcls filter per resource; dimensions with several values are filtered here. */
function wireFilters(f: AclFilter): WireFilter[] {
  const resources: (ResourceSpec | undefined)[] = f.resources.length > 0 ? f.resources : [undefined]
  const operation = single(f.operations)
  return resources.map((r) => ({
    resourceType: r ? RESOURCE_CODE[r.resourceType] : RESOURCE_CODE.ANY,
    resourceName: r?.resourceName ?? null,
    resourcePatternType: PATTERN_CODE[f.patternType],
    principal: single(f.principals) ?? null,
    host: single(f.hosts) ?? null,
    operation: operation ? OPERATION_CODE[operation] : OPERATION_CODE.ANY,
    permissionType: f.permission ? PERMISSION_CODE[f.permission] : PERMISSION_CODE.ANY,
  }))
}

const aclBroker = async (conn: KafkaConnection) => kafkajsRequests(await conn.anyBroker())

async function describe(conn: KafkaConnection, filter: WireFilter): Promise<AclBinding[]> {
  const admin = await aclBroker(conn)
  try {
    // kafkajs wants `undefined` (not null) for "any" strings.
    const {resources} = await admin.describeAcls({
      ...filter,
      resourceName: filter.resourceName ?? undefined,
      principal: filter.principal ?? undefined,
      host: filter.host ?? undefined,
    } as Record<string, unknown>)
    return (
      resources as unknown as {
        resourceType: number
        resourceName: string
        resourcePatternType: number
        acls: WireAcl[]
      }[]
    ).flatMap((r) => r.acls.map((a) => fromWire(r, a)))
  } catch (error) {
    throw toKctlError(error, {operation: 'describing ACLs (DESCRIBE on the CLUSTER)'})
  }
}

/** The bindings matching `filter`, sorted by resource. One DescribeAcls per named resource. */
export async function listAcls(conn: KafkaConnection, filter: AclFilter): Promise<AclBinding[]> {
  const found = await Promise.all(wireFilters(filter).map((w) => describe(conn, w)))
  return sortBindings(dedupeBindings(found.flat().filter((b) => entryMatches(b, filter))))
}

/** Which of `bindings` exist on the cluster (one DescribeAcls per resource pattern). */
export async function existingBindings(conn: KafkaConnection, bindings: AclBinding[]): Promise<AclBinding[]> {
  const wanted = new Set(bindings.map(bindingKey))
  const patterns = new Map(bindings.map((b) => [`${b.resourceType}\u0000${b.patternType}\u0000${b.resourceName}`, b]))
  const found = await Promise.all(
    [...patterns.values()].map((b) =>
      describe(conn, {
        ...exactFilter(b),
        principal: null,
        host: null,
        operation: OPERATION_CODE.ANY,
        permissionType: PERMISSION_CODE.ANY,
      }),
    ),
  )
  return sortBindings(dedupeBindings(found.flat().filter((b) => wanted.has(bindingKey(b)))))
}

/** Create the bindings in one CreateAcls request (creating an existing binding is a no-op in Kafka). */
export async function createAcls(conn: KafkaConnection, bindings: AclBinding[]): Promise<AclBinding[]> {
  const admin = await aclBroker(conn)
  const acl = bindings.map((b) => {
    const {resourceName, principal, host, resourceType, resourcePatternType, operation, permissionType} = exactFilter(b)
    return {
      resourceType,
      resourceName: resourceName!,
      resourcePatternType,
      principal: principal!,
      host: host!,
      operation,
      permissionType,
    }
  })
  try {
    await admin.createAcls({acl})
  } catch (error) {
    throw toKctlError(error, {operation: 'creating ACLs (ALTER on the CLUSTER)'})
  }
  return sortBindings(bindings)
}

/** Delete exactly these bindings (one exact filter each) in one DeleteAcls request; returns what was deleted. */
export async function deleteAcls(conn: KafkaConnection, bindings: AclBinding[]): Promise<AclBinding[]> {
  if (bindings.length === 0) return []
  const admin = await aclBroker(conn)
  try {
    const {filterResponses} = await admin.deleteAcls({filters: bindings.map(exactFilter)})
    const deleted = (
      filterResponses as unknown as {
        matchingAcls: (WireAcl & {resourceType: number; resourceName: string; resourcePatternType: number})[]
      }[]
    ).flatMap((f) => f.matchingAcls.map((m) => fromWire(m, m)))
    return sortBindings(dedupeBindings(deleted))
  } catch (error) {
    throw toKctlError(error, {operation: 'deleting ACLs (ALTER on the CLUSTER)'})
  }
}

/**
 * The authorizer settings as the brokers report them (DescribeConfigs). Kafka marks the
 * authorizer's own settings (`super.users`, `allow.everyone.if.no.acl.found`) sensitive and
 * never returns their values, so this is usually null: super users are not visible to clients.
 */
export async function authorizerSettings(conn: KafkaConnection): Promise<AuthorizerSettings | null> {
  try {
    const [nodeId] = await conn.brokerIds()
    const [res] = await describeConfigResources(conn, await conn.broker(nodeId), [
      {
        resourceType: ConfigResourceType.broker,
        resourceName: String(nodeId),
        configurationKeys: ['super.users', 'allow.everyone.if.no.acl.found'],
      },
    ])
    const entries = res?.errorCode === 0 ? res.configs : []
    const value = (name: string) => entries.find((e) => e.name === name)?.value
    const superUsers = value('super.users')
    if (superUsers === null || superUsers === undefined) return null
    return {
      superUsers: superUsers
        .split(';')
        .map((s) => s.trim())
        .filter(Boolean),
      allowEveryoneIfNoAclFound: value('allow.everyone.if.no.acl.found') === 'true',
    }
  } catch {
    return null
  }
}

export interface AccessCheck extends AccessDecision {
  /** False when the brokers do not reveal super.users (the usual case): the answer then covers bindings only. */
  superUsersKnown: boolean
}

/** Evaluate one access request against the cluster's bindings (one DescribeAcls with a MATCH filter). */
export async function checkAccess(conn: KafkaConnection, req: AccessRequest): Promise<AccessCheck> {
  const [bindings, settings] = await Promise.all([
    listAcls(conn, {
      resources: [{resourceType: req.resourceType, resourceName: req.resourceName}],
      patternType: 'MATCH',
      principals: [],
      hosts: [],
      operations: [],
    }),
    authorizerSettings(conn),
  ])
  const decision = authorize(req, bindings, settings ?? {superUsers: [], allowEveryoneIfNoAclFound: false})
  return {...decision, superUsersKnown: settings !== null}
}

/** The service object commands call (tests replace its functions). */
export const aclsService = {listAcls, existingBindings, createAcls, deleteAcls, checkAccess}
