import * as Flags from '@oclif/core/flags'

import {type CreatedDelegationToken, type DelegationToken, tokensService} from '../../admin/tokens.js'
import {KafkaCommand} from '../../base-command.js'
import {parseTokenPeriod, parseTokenPrincipal} from '../../flags/tokens.js'
import type {Cell, Column, View} from '../../output/format.js'

export default class TokensCreate extends KafkaCommand<typeof TokensCreate> {
  static summary = 'Create a delegation token; its HMAC (the secret) is shown only this once.'
  static description = `The principal creating the token must be authenticated with SASL or mTLS (never PLAINTEXT, never a token login). The token carries the owner's identity: a client logs in with SCRAM as username=TOKEN-ID, password=HMAC and tokenauth=true (Kafka's ScramLoginModule option), e.g. in a context's properties:

  sasl.mechanism=SCRAM-SHA-512
  sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="TOKEN-ID" password="HMAC" tokenauth="true";

The HMAC is printed once (table and every -o format, field hmac); \`tokens describe\` never shows it. Store it like a password.`
  static examples = [
    '<%= config.bin %> tokens create --context prod-sasl',
    '<%= config.bin %> tokens create --renewer-principal User:ci --max-life-time-period 7d --output json > token.json',
    '<%= config.bin %> tokens create --owner-principal User:etl --renewer-principal User:etl',
  ]
  static flags = {
    'renewer-principal': Flags.string({
      summary: 'A principal that may renew the token (User:name); repeatable.',
      multiple: true,
    }),
    'owner-principal': Flags.string({
      summary: 'Create the token for this user (needs CREATE_TOKENS on that user; Kafka 3.3+). Default: yourself.',
    }),
    'max-life-time-period': Flags.string({
      summary:
        "Longest life of the token: milliseconds (as Kafka's tool) or a duration (7d); default and cap: the broker's delegation.token.max.lifetime.ms.",
    }),
  }

  async run(): Promise<CreatedDelegationToken> {
    const {flags} = this
    const renewers = [
      ...new Set((flags['renewer-principal'] ?? []).map((p) => parseTokenPrincipal(p, '--renewer-principal'))),
    ]
    const owner =
      flags['owner-principal'] === undefined
        ? undefined
        : parseTokenPrincipal(flags['owner-principal'], '--owner-principal')
    const maxLifetimeMs =
      flags['max-life-time-period'] === undefined
        ? undefined
        : parseTokenPeriod(flags['max-life-time-period'], '--max-life-time-period')
    const conn = await this.connection()
    await this.guardMutation(`Create a delegation token${owner ? ` for ${owner}` : ''}?`)
    return this.present(await tokensService.createToken(conn, {owner, renewers, maxLifetimeMs}), createdView)
  }
}

const iso = (ms: Cell) => (typeof ms === 'number' && ms >= 0 ? new Date(ms).toISOString() : ms)

/** The columns of a token (describe, create); times as ISO-8601 in tables, milliseconds in CSV. */
export const tokenColumns: Column[] = [
  {key: 'tokenId', header: 'TOKEN ID'},
  {key: 'owner', header: 'OWNER'},
  {key: 'requester', header: 'REQUESTER', wide: true},
  {key: 'renewers', header: 'RENEWERS'},
  {key: 'issueTimestampMs', header: 'ISSUED', human: iso, wide: true},
  {key: 'expiryTimestampMs', header: 'EXPIRES', human: iso},
  {key: 'maxTimestampMs', header: 'MAX', human: iso},
]

export const tokenRow = (t: DelegationToken): Record<string, Cell> => ({...t, renewers: t.renewers.join(',') || null})

const createdView: View<CreatedDelegationToken> = {
  columns: [...tokenColumns, {key: 'hmac', header: 'HMAC (SECRET)'}],
  rows: (t) => [tokenRow(t)],
  footer: () => [
    '',
    'The HMAC is the secret of this token (its SCRAM password): store it now; kctl never shows it again.',
    'Log in with it: sasl.mechanism=SCRAM-SHA-512 (or 256), ScramLoginModule username="TOKEN ID" password="HMAC" tokenauth="true".',
  ],
}
