/**
 * The `bench/state-diff.sh` dataset as a kctl state file: TOPICS topics (1 partition, RF 1, two
 * config overrides each), ACLS bindings (two per topic principal), QUOTAS quota entities.
 *   node --import tsx bench/state-dataset.ts create|clean > FILE
 */
import {stringify} from 'yaml'

const [action = 'create'] = process.argv.slice(2)
const TOPICS = Number(process.env.TOPICS ?? 1000)
const ACLS = Number(process.env.ACLS ?? 2000)
const QUOTAS = Number(process.env.QUOTAS ?? 200)
const pad = (i: number) => String(i).padStart(4, '0')

const scope = {
  topics: {prefixes: ['bench-state.']},
  principals: ['User:bench-state-*'],
  quotas: [{user: 'bench-state-*'}],
}
const doc =
  action === 'clean'
    ? {prune: true, scope, topics: {}, acls: [], quotas: []}
    : {
        scope,
        defaults: {partitions: 1, replicationFactor: 1},
        topics: Object.fromEntries(
          Array.from({length: TOPICS}, (_, i) => [
            `bench-state.t${pad(i)}`,
            {configs: {'retention.ms': `${1 + (i % 7)}d`, 'max.message.bytes': '2MiB'}},
          ]),
        ),
        acls: Array.from({length: Math.ceil(ACLS / 2)}, (_, i) => ({
          principal: `User:bench-state-${pad(i)}`,
          operations: ['read', 'describe'],
          topics: [`bench-state.t${pad(i % TOPICS)}`],
        })),
        quotas: Array.from({length: QUOTAS}, (_, i) => ({
          entity: {user: `bench-state-${pad(i)}`},
          values: {producer_byte_rate: 1_048_576 + i},
        })),
      }
process.stdout.write(stringify(doc))
