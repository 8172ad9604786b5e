import * as Flags from '@oclif/core/flags'

import {tokensService} from '../../admin/security/tokens.js'
import {KafkaCommand} from '../../base-command.js'
import {hmacFlags, parseTokenPeriod, readHmac} from '../../flags/tokens.js'
import {type TokenExpiryResult, expiryView} from '../../cli/views/tokens.js'

export default class TokensRenew extends KafkaCommand<typeof TokensRenew> {
  static summary = 'Renew a delegation token: move its expiry forward (never past its max lifetime).'
  static description =
    'Only the owner or a renewer may renew, authenticated with SASL or mTLS (not with the token itself). The HMAC comes from --hmac-file or --hmac-stdin, never from the command line.'
  static examples = [
    '<%= config.bin %> tokens renew --hmac-file ./token.hmac',
    'jq -r .hmac token.json | <%= config.bin %> tokens renew --hmac-stdin --renew-time-period 12h --output json',
  ]
  static flags = {
    ...hmacFlags,
    'renew-time-period': Flags.string({
      summary:
        "New expiry = now + this: milliseconds (as Kafka's tool) or a duration (12h); default: the broker's delegation.token.expiry.time.ms.",
    }),
  }

  async run(): Promise<TokenExpiryResult> {
    const {flags} = this
    const periodMs =
      flags['renew-time-period'] === undefined
        ? undefined
        : parseTokenPeriod(flags['renew-time-period'], '--renew-time-period')
    const hmac = readHmac({file: flags['hmac-file'], stdin: flags['hmac-stdin']})
    const conn = await this.connection()
    const token = await tokensService.findTokenByHmac(conn, hmac)
    await this.guardMutation(`Renew delegation token ${token?.tokenId ?? '(not visible to you)'}?`)
    const {expiryTimestampMs} = await tokensService.renewToken(conn, hmac, periodMs)
    return this.present(
      {tokenId: token?.tokenId ?? null, action: 'renewed', dryRun: false, expiryTimestampMs},
      expiryView,
    )
  }
}
