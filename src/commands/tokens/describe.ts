import * as Flags from '@oclif/core/flags'

import {type DelegationToken, tokensService} from '../../admin/security/tokens.js'
import {KafkaCommand} from '../../base-command.js'
import {tokenColumns, tokenRow} from '../../cli/views/tokens.js'
import {parseTokenPrincipal} from '../../flags/tokens.js'
import type {View} from '../../output/format.js'

export interface TokenDescribeResult {
  tokens: DelegationToken[]
}

export default class TokensDescribe extends KafkaCommand<typeof TokensDescribe> {
  static summary = 'Describe delegation tokens: owner, renewers, expiry (never their HMACs).'
  static description =
    'Lists the tokens the principal may see: its own, those it may renew, and all with DESCRIBE_TOKENS (super users see every token). Expired tokens disappear once the brokers remove them.'
  static examples = [
    '<%= config.bin %> tokens describe',
    '<%= config.bin %> tokens describe --owner-principal User:alice --output json',
  ]
  static flags = {
    'owner-principal': Flags.string({
      summary: 'Only the tokens of this owner (User:name); repeatable.',
      multiple: true,
    }),
  }

  async run(): Promise<TokenDescribeResult> {
    const owners = (this.flags['owner-principal'] ?? []).map((p) => parseTokenPrincipal(p, '--owner-principal'))
    const tokens = await tokensService.describeTokens(await this.connection(), owners)
    return this.present({tokens}, tokensView)
  }
}

const tokensView: View<TokenDescribeResult> = {
  columns: tokenColumns,
  rows: (d) => d.tokens.map(tokenRow),
  empty: 'No delegation tokens.',
}
