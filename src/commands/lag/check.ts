import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'

import {lagService} from '../../admin/groups/lag.js'
import {KafkaCommand} from '../../base-command.js'
import {ExitCode, usageError} from '../../errors.js'
import {groupSelection, lagFlags} from '../../flags/lag.js'
import {parseNonNegativeDuration} from '../../input/duration.js'
import {parseInt64} from '../../input/numbers.js'
import type {View} from '../../output/format.js'
import {durationCell} from '../../output/size.js'

export interface LagOffender {
  group: string
  lag: bigint
  timeLagMs: number | null
  /** Which thresholds the group exceeded. */
  exceeded: ('max-lag' | 'max-time-lag')[]
}

export interface LagCheckResult {
  ok: boolean
  maxLag: bigint | null
  maxTimeLagMs: number | null
  checked: number
  offenders: LagOffender[]
  /** What the check could not see (then it fails): partitions without a leader, brokers that did not answer. */
  unseen: string[]
}

export default class LagCheck extends KafkaCommand<typeof LagCheck> {
  static summary = 'Exit 3 when any group lags more than a threshold, 0 otherwise (for CI gates and readiness probes).'
  static strict = false
  static examples = [
    '<%= config.bin %> lag check orders-service --max-lag 1000',
    '<%= config.bin %> lag check --all-groups --max-lag 10000 --max-time-lag 5m --output json',
  ]

  static args = {group: Args.string({description: 'Group id(s).'})}
  static flags = {
    ...lagFlags,
    'max-lag': Flags.string({summary: 'Largest acceptable total lag of a group, in messages.'}),
    'max-time-lag': Flags.string({summary: 'Largest acceptable time lag of a group, e.g. 30s, 5m, PT1H.'}),
  }

  async run(): Promise<LagCheckResult> {
    const selection = groupSelection(this.positionals, this.flags['all-groups'], this.flags.topic)
    const maxLagText = this.flags['max-lag']
    if (maxLagText === undefined && this.flags['max-time-lag'] === undefined)
      throw usageError('Give a threshold: --max-lag N and/or --max-time-lag DURATION', undefined, 'MISSING_THRESHOLD')
    const maxLag = maxLagText === undefined ? null : parseInt64(maxLagText, '--max-lag', {what: 'lag threshold'})
    const maxTimeLagMs =
      this.flags['max-time-lag'] === undefined
        ? null
        : parseNonNegativeDuration(this.flags['max-time-lag'], '--max-time-lag')
    const conn = await this.connection()
    const groups = await lagService.groupLag(conn, {
      ...selection,
      topic: this.flags.topic,
      isolation: this.flags.isolation,
      timeLag: maxTimeLagMs !== null && this.flags['time-lag'],
    })
    const offenders: LagOffender[] = []
    for (const g of groups) {
      const exceeded: LagOffender['exceeded'] = []
      if (maxLag !== null && g.lag > maxLag) exceeded.push('max-lag')
      if (maxTimeLagMs !== null && g.timeLagMs !== null && g.timeLagMs > maxTimeLagMs) exceeded.push('max-time-lag')
      if (exceeded.length) offenders.push({group: g.group, lag: g.lag, timeLagMs: g.timeLagMs, exceeded})
    }
    // Never pass on lag it could not see: a partition without a leader, a broker that did not answer.
    const unseen = conn.warnings.map((w) => w.message)
    const result = {
      ok: offenders.length === 0 && unseen.length === 0,
      maxLag,
      maxTimeLagMs,
      checked: groups.length,
      offenders,
      unseen,
    }
    this.present(result, lagCheckView)
    if (!result.ok) this.exitWith(ExitCode.checkFailed)
    return result
  }
}

export const lagCheckView: View<LagCheckResult> = {
  columns: [
    {key: 'group', header: 'GROUP'},
    {key: 'lag', header: 'LAG', align: 'right'},
    {key: 'timeLagMs', header: 'TIME-LAG', align: 'right', human: durationCell},
    {key: 'exceeded', header: 'EXCEEDED', color: () => 'red'},
  ],
  rows: (d) =>
    d.offenders.map((o) => ({group: o.group, lag: o.lag, timeLagMs: o.timeLagMs, exceeded: o.exceeded.join(',')})),
  header: (d) => [
    d.ok
      ? `OK: ${d.checked} group(s) within the thresholds.`
      : d.offenders.length > 0
        ? `FAIL: ${d.offenders.length} of ${d.checked} group(s) over the thresholds.`
        : `FAIL: the lag of ${d.checked} group(s) could not be fully seen.`,
  ],
  empty: '',
}
