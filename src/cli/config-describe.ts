import {
  type ConfigEntity,
  type ConfigEntityType,
  type EntityConfigs,
  configsService,
  validateEntity,
} from '../admin/configs/configs.js'
import {clientMetricsService} from '../admin/configs/client-metrics.js'
import {isQuotaType} from '../admin/configs/config-quotas.js'
import {topicsService} from '../admin/topics/topics.js'
import {usageError} from '../errors.js'
import type {KafkaConnection} from '../connection/client.js'
import type {View} from '../output/format.js'

export interface ConfigDescribeResult {
  entities: EntityConfigs[]
}

/** One named entity (checked to exist), or every topic / every broker when no name is given. */
export async function describeConfigsFor(
  conn: KafkaConnection,
  target: {type: ConfigEntityType; name: string | undefined},
  all: boolean,
): Promise<ConfigDescribeResult> {
  let entities: ConfigEntity[]
  if (target.name !== undefined) {
    entities = [{type: target.type, name: target.name}]
    if (target.type === 'topic') await topicsService.listTopicsFiltered(conn, {names: [target.name]})
    else if (isQuotaType(target.type) || target.type === 'group' || target.type === 'client-metrics')
      validateEntity(entities[0], [])
    else validateEntity(entities[0], (await topicsService.topicsAndBrokers(conn)).brokerIds)
  } else if (target.type === 'client-metrics') {
    entities = (await clientMetricsService.clientMetricsNames(conn)).map((name) => ({type: 'client-metrics', name}))
  } else if (target.type === 'group') {
    throw usageError(
      'Name the group whose configs to describe',
      'E.g. `kctl configs describe group orders-service`; list groups with `kctl groups list`.',
      'MISSING_ENTITY_NAME',
    )
  } else if (target.type === 'topic') {
    entities = (await topicsService.listTopicsFiltered(conn, {})).map((t) => ({type: 'topic', name: t.name}))
  } else if (isQuotaType(target.type)) {
    throw usageError(
      `Name the ${target.type}, or pass --default for the default ${target.type}`,
      'All quotas: `kctl quotas describe`.',
      'MISSING_ENTITY_NAME',
    )
  } else {
    entities = (await topicsService.topicsAndBrokers(conn)).brokerIds.map((id) => ({
      type: target.type,
      name: String(id),
    }))
  }
  return {entities: await configsService.describeConfigsOf(conn, entities, {all})}
}

export const configDescribeView = (all: boolean): View<ConfigDescribeResult> => ({
  columns: [
    {key: 'entity', header: 'ENTITY'},
    {key: 'key', header: 'KEY'},
    {key: 'value', header: 'VALUE', color: (_v, row) => (row.sensitive ? 'dim' : undefined)},
    {key: 'source', header: 'SOURCE', wide: !all},
    {key: 'readOnly', header: 'READ-ONLY', wide: true},
    {key: 'sensitive', header: 'SENSITIVE', wide: true},
  ],
  rows: (d) =>
    d.entities.flatMap((e) =>
      e.configs.map((c) => ({
        entity: `${e.type} ${e.name === '' ? '<default>' : e.name}`,
        key: c.key,
        value: c.sensitive ? '[redacted]' : c.value,
        source: c.source,
        readOnly: c.readOnly,
        sensitive: c.sensitive,
      })),
    ),
  empty: 'No config overrides.',
})
