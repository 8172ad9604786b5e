import * as Flags from '@oclif/core/flags'

import {tokensService} from '../../admin/security/tokens.js'
import {KafkaCommand, yesFlag} from '../../base-command.js'
import {type TokenExpiryResult, expiryView} from '../../cli/views/tokens.js'
import {kafkaErrorCode, operationError} from '../../errors.js'
import {hmacFlags, parseTokenPeriod, readHmac} from '../../flags/tokens.js'

export default class TokensExpire extends KafkaCommand<typeof TokensExpire> {
  static summary = 'Expire a delegation token now (or after a period): clients using it can no longer log in.'
  static description =
    'Only the owner or a renewer may expire a token. The HMAC comes from --hmac-file or --hmac-stdin, never from the command line. Confirms on a terminal; --yes skips the question; --dry-run shows the token and changes nothing.'
  static examples = [
    '<%= config.bin %> tokens expire --hmac-file ./token.hmac --yes',
    '<%= config.bin %> tokens expire --hmac-file ./token.hmac --dry-run',
    'jq -r .hmac token.json | <%= config.bin %> tokens expire --hmac-stdin --expiry-time-period 1h --yes',
  ]
  static flags = {
    ...hmacFlags,
    'expiry-time-period': Flags.string({
      summary: "Expire after this (milliseconds as Kafka's tool, or a duration: 1h) instead of now.",
    }),
    yes: yesFlag,
    'dry-run': Flags.boolean({summary: 'Show the token that would expire; change nothing.'}),
  }

  async run(): Promise<TokenExpiryResult> {
    const {flags} = this
    const periodMs =
      flags['expiry-time-period'] === undefined
        ? undefined
        : parseTokenPeriod(flags['expiry-time-period'], '--expiry-time-period')
    const hmac = readHmac({file: flags['hmac-file'], stdin: flags['hmac-stdin']})
    const conn = await this.connection()
    const token = await tokensService.findTokenByHmac(conn, hmac)
    if (flags['dry-run']) {
      if (!token)
        throw operationError('No delegation token you may describe has this HMAC', {
          code: kafkaErrorCode('DELEGATION_TOKEN_NOT_FOUND'),
          hint: 'Check the HMAC, or list your tokens with `kctl tokens describe`.',
        })
      return this.present(
        {tokenId: token.tokenId, action: 'expired', dryRun: true, expiryTimestampMs: token.expiryTimestampMs},
        expiryView,
      )
    }
    const when = periodMs === undefined ? 'now' : `in ${flags['expiry-time-period']}`
    await this.guardMutation(`Expire delegation token ${token?.tokenId ?? '(not visible to you)'} ${when}?`, {
      destructive: true,
    })
    const {expiryTimestampMs} = await tokensService.expireToken(conn, hmac, periodMs)
    return this.present(
      {tokenId: token?.tokenId ?? null, action: 'expired', dryRun: false, expiryTimestampMs},
      expiryView,
    )
  }
}
