import {existsSync, statSync, writeFileSync} from 'node:fs'
import {dirname, resolve} from 'node:path'

import * as Flags from '@oclif/core/flags'

import {tokensService} from '../../admin/security/tokens.js'
import {KafkaCommand} from '../../base-command.js'
import {parseTokenPeriod, parseTokenPrincipal} from '../../flags/tokens.js'
import {type TokenCreateResult, createdView} from '../../cli/views/tokens.js'
import {usageError} from '../../errors.js'

export default class TokensCreate extends KafkaCommand<typeof TokensCreate> {
  static summary = 'Create a delegation token; its HMAC (the secret) is shown only this once.'
  static description = `The principal creating the token must be authenticated with SASL or mTLS (never PLAINTEXT, never a token login). The token carries the owner's identity: a client logs in with SCRAM as username=TOKEN-ID, password=HMAC and tokenauth=true (Kafka's ScramLoginModule option), e.g. in a context's properties:

  sasl.mechanism=SCRAM-SHA-512
  sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="TOKEN-ID" password="HMAC" tokenauth="true";

The HMAC is printed once (table and every -o format, field hmac), or only written to --hmac-file; \`tokens describe\` never shows it. Store it like a password.`
  static examples = [
    '<%= config.bin %> tokens create --context prod-sasl',
    '<%= config.bin %> tokens create --renewer-principal User:ci --max-life-time-period 7d --output json > token.json',
    '<%= config.bin %> tokens create --owner-principal User:etl --renewer-principal User:etl --hmac-file ./etl.hmac',
  ]
  static flags = {
    'hmac-file': Flags.string({
      summary:
        'Write the HMAC to this new file (mode 0600) instead of printing it; `tokens renew|expire --hmac-file` read it.',
    }),
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

  async run(): Promise<TokenCreateResult> {
    const {flags} = this
    const hmacFile = flags['hmac-file'] === undefined ? null : resolve(flags['hmac-file'])
    if (hmacFile !== null && existsSync(hmacFile))
      throw usageError(
        `--hmac-file ${flags['hmac-file']} exists already`,
        'Choose a new file (kctl does not overwrite secrets).',
        'FILE_EXISTS',
      )
    if (hmacFile !== null && !statSync(dirname(hmacFile), {throwIfNoEntry: false})?.isDirectory())
      throw usageError(
        `--hmac-file ${flags['hmac-file']}: its directory does not exist`,
        'Create the directory first.',
        'INVALID_FILE',
      )
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
    const {hmac, ...token} = await tokensService.createToken(conn, {owner, renewers, maxLifetimeMs})
    if (hmacFile !== null) writeFileSync(hmacFile, `${hmac}\n`, {mode: 0o600, flag: 'wx'})
    return this.present({...token, hmac: hmacFile === null ? hmac : null, hmacFile}, createdView)
  }
}
