import type {DelegationToken} from '../../admin/security/tokens.js'
import type {Cell, Column, View} from '../../output/format.js'

export interface TokenCreateResult extends DelegationToken {
  /** Base64, the token's SCRAM password: a secret shown only here; null when written to hmacFile. */
  hmac: string | null
  /** Where the HMAC was written (mode 0600), or null when printed. */
  hmacFile: string | null
}

export interface TokenExpiryResult {
  /** The token's id when the principal may describe it, else null. */
  tokenId: string | null
  action: 'renewed' | 'expired'
  dryRun: boolean
  /** The new expiry; the current one in a dry run. */
  expiryTimestampMs: number | null
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

export const createdView: View<TokenCreateResult> = {
  columns: [...tokenColumns, {key: 'hmac', header: 'HMAC (SECRET)'}],
  rows: (t) => [{...tokenRow(t), hmac: t.hmac}],
  footer: (t) => [
    '',
    t.hmacFile === null
      ? 'The HMAC is the secret of this token (its SCRAM password): store it now; kctl never shows it again.'
      : `The HMAC (the secret of this token, its SCRAM password) is in ${t.hmacFile} (mode 0600); kctl never shows it.`,
    'Log in with it: sasl.mechanism=SCRAM-SHA-512 (or 256), ScramLoginModule username="TOKEN ID" password="HMAC" tokenauth="true".',
  ],
}

export const expiryView: View<TokenExpiryResult> = {
  columns: [
    {key: 'tokenId', header: 'TOKEN ID'},
    {key: 'action', header: 'ACTION'},
    {
      key: 'expiryTimestampMs',
      header: 'EXPIRES',
      human: iso,
    },
  ],
  rows: (d) => [{...d}],
  footer: (d) => (d.dryRun ? ['', `Dry run: the token above would be ${d.action}; nothing was changed.`] : []),
}
