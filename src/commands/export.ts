import {writeFileSync} from 'node:fs'

import * as Flags from '@oclif/core/flags'

import {STATE_KINDS, type StateKind} from '../admin/state/model.js'
import {everythingScope, parseScopeFlags} from '../admin/state/scope.js'
import {stateService} from '../admin/state/service.js'
import {KafkaCommand} from '../base-command.js'
import {usageError} from '../errors.js'
import {toYaml} from '../output/yaml.js'

export default class Export extends KafkaCommand<typeof Export> {
  static summary =
    "Write the cluster's topics, ACLs, quotas, SCRAM users and configs (brokers, groups, client-metrics) as a state file."
  static description =
    'Only real overrides are written (never defaults or synonyms), and never a password. The file carries its scope and cluster id, so `kctl diff -f FILE` right after finds nothing. Without --scope every non-internal topic, principal, user, quota entity, group with config overrides (Kafka 4.1+) and client-metrics subscription is exported. Scopes: prefix:P, pattern:REGEX, exclude:P, exclude-pattern:REGEX, principal:User:NAME (a trailing * is a prefix), user:NAME, quota:user=NAME[,client-id=ID] | quota:ip=IP (<default> for a default entity), group:NAME, client-metrics:NAME.'

  static examples = [
    '<%= config.bin %> export --out cluster.yaml',
    '<%= config.bin %> export --kinds topics,acls --scope prefix:orders. --scope principal:User:orders-app --out orders.yaml',
    '<%= config.bin %> export --kinds quotas,users --scope user:orders-* --scope quota:user=orders-app',
    "<%= config.bin %> export --kinds configs --scope 'group:orders-*' --scope 'client-metrics:orders-*'",
  ]

  static flags = {
    kinds: Flags.string({summary: `Comma-separated kinds to export (default all): ${STATE_KINDS.join(', ')}.`}),
    scope: Flags.string({
      summary: 'What to export (repeatable), e.g. prefix:orders., principal:User:orders-app.',
      multiple: true,
    }),
    out: Flags.string({summary: 'Write the file here instead of stdout.'}),
  }

  async run(): Promise<Record<string, unknown>> {
    const kinds = parseKinds(this.flags.kinds)
    const scope = this.flags.scope ? parseScopeFlags(this.flags.scope) : everythingScope()
    const conn = await this.connection()
    const doc = await stateService.exportState(conn, scope, kinds)
    if (this.flags.out) {
      writeFileSync(this.flags.out, this.jsonEnabled() ? `${JSON.stringify(doc, null, 2)}\n` : `${toYaml(doc)}\n`)
      this.note(`Wrote ${this.flags.out}.`)
    } else if (!this.jsonEnabled()) this.log(toYaml(doc))
    return doc
  }
}

export function parseKinds(text: string | undefined): StateKind[] {
  if (text === undefined) return [...STATE_KINDS]
  const kinds = text
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean)
  const bad = kinds.find((k) => !(STATE_KINDS as readonly string[]).includes(k))
  if (bad !== undefined || kinds.length === 0)
    throw usageError(`Unknown kind "${bad ?? text}" for --kinds`, `Kinds: ${STATE_KINDS.join(', ')}.`, 'INVALID_KINDS')
  return kinds as StateKind[]
}
