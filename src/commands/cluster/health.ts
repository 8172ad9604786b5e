import * as Flags from '@oclif/core/flags'

import {type ClusterHealth, HEALTH_CHECKS, type HealthCheckName, healthService} from '../../admin/cluster/health.js'
import {KafkaCommand} from '../../base-command.js'
import {ExitCode} from '../../errors.js'
import {formatDuration, parseNonNegativeDuration} from '../../input/duration.js'
import type {View} from '../../output/format.js'
import {toKeyValues, toTable} from '../../output/table.js'

export default class ClusterHealthCommand extends KafkaCommand<typeof ClusterHealthCommand> {
  static summary =
    'Check the cluster: offline, under-replicated and under-min-ISR partitions, leaders, the KRaft quorum, fenced brokers, stuck transactions.'
  static description =
    'Exit 0 when every check passes, 3 when any fails (for CI and monitoring). Each failed check names its partitions or brokers.'
  static examples = [
    '<%= config.bin %> cluster health',
    '<%= config.bin %> cluster health --output json',
    '<%= config.bin %> cluster health --skip-check preferred-leader --skip-check leader-skew',
    '<%= config.bin %> cluster health --max-transaction-timeout 5m',
  ]

  static flags = {
    'skip-check': Flags.option({
      options: HEALTH_CHECKS,
      multiple: true,
      summary: 'Do not fail on this check (repeatable).',
    })(),
    'max-quorum-lag': Flags.string({
      summary: 'A quorum voter or observer behind the leader for longer than this fails the check.',
      default: '10s',
    }),
    'max-transaction-timeout': Flags.string({
      summary: 'An open transaction fails stuck-transactions past its own timeout, and never later than this.',
      default: '15m',
    }),
    'max-leader-imbalance': Flags.integer({
      summary:
        'Percent of its preferred partitions a broker may not lead (Kafka: leader.imbalance.per.broker.percentage).',
      default: 10,
      min: 0,
      max: 100,
    }),
  }

  async run(): Promise<ClusterHealth> {
    const maxQuorumLagMs = parseNonNegativeDuration(this.flags['max-quorum-lag'], '--max-quorum-lag', '10s')
    const maxTransactionTimeoutMs = parseNonNegativeDuration(
      this.flags['max-transaction-timeout'],
      '--max-transaction-timeout',
      '15m',
    )
    const result = await healthService.clusterHealth(await this.connection(), {
      maxTransactionTimeoutMs,
      skip: this.flags['skip-check'] as HealthCheckName[] | undefined,
      maxQuorumLagMs,
      maxImbalance: this.flags['max-leader-imbalance'] / 100,
    })
    this.present(result, healthView(this.color, this.format === 'wide'))
    // A check that could not see all of the cluster (a broker down, a request denied) does not pass.
    if (!result.healthy || this.degradations().length > 0) this.exitWith(ExitCode.checkFailed)
    return result
  }
}

const MAX_NAMED = 10

/** Each stuck transaction named, with the exact command that aborts it. */
function stuckLines(h: ClusterHealth): string[] {
  const stuck = h.checks.filter((c) => !c.ok).flatMap((c) => c.transactions ?? [])
  const lines = stuck.map(
    (t) =>
      `Stuck transaction ${t.transactionalId ?? `of producer ${t.producerId} (no coordinator lists it)`} on ${t.topic}:${t.partition}, open ${formatDuration(t.openMs)}; abort with: ${t.abortCommand}`,
  )
  return lines.length === 0 ? [] : ['', ...lines]
}

export const healthView = (color: boolean, wide: boolean): View<ClusterHealth> => ({
  header: (h) => [
    ...toKeyValues(
      [
        [
          'Status',
          h.healthy
            ? 'HEALTHY'
            : `UNHEALTHY (${h.checks.filter((c) => !c.ok).length} of ${h.checks.length} checks failed)`,
        ],
      ],
      {color},
    ),
    '',
  ],
  columns: [
    {key: 'check', header: 'CHECK'},
    {key: 'status', header: 'STATUS', color: (v) => (v === 'FAIL' ? 'red' : v === 'ok' ? 'green' : 'dim')},
    {key: 'summary', header: 'SUMMARY'},
    {key: 'affected', header: 'AFFECTED'},
  ],
  rows: (h) =>
    h.checks.map((c) => {
      const names = [...c.partitions.map((p) => `${p.topic}-${p.partition}`), ...c.brokers.map((b) => `broker ${b}`)]
      const shown = wide ? names : names.slice(0, MAX_NAMED)
      return {
        check: c.name,
        status: c.skipped ? 'skipped' : c.ok ? 'ok' : 'FAIL',
        summary: c.summary,
        affected:
          names.length === 0
            ? ''
            : `${shown.join(', ')}${names.length > shown.length ? ` (+${names.length - shown.length} more, see -o wide)` : ''}`,
      }
    }),
  footer: (h) => [
    ...stuckLines(h),
    '',
    toTable(
      h.brokers.map((b) => ({
        id: b.id,
        host: b.host === null ? null : `${b.host}:${b.port}`,
        rack: b.rack,
        state: !b.registered ? 'missing' : b.fenced ? 'fenced' : 'up',
        leaders: b.leaders,
        preferred: b.preferredLeaders,
        replicas: b.replicas,
      })),
      [
        {key: 'id', header: 'BROKER', align: 'right'},
        {key: 'host', header: 'HOST'},
        {key: 'rack', header: 'RACK'},
        {key: 'state', header: 'STATE', color: (v) => (v === 'up' ? undefined : 'red')},
        {key: 'leaders', header: 'LEADERS', align: 'right'},
        {key: 'preferred', header: 'PREFERRED', align: 'right'},
        {key: 'replicas', header: 'REPLICAS', align: 'right'},
      ],
      {color},
    ),
    ...(h.quorum
      ? [
          '',
          toTable(
            [
              ...h.quorum.voters.map((m) => ({...m, role: m.id === h.quorum!.leaderId ? 'leader' : 'voter'})),
              ...h.quorum.observers.map((m) => ({...m, role: 'observer'})),
            ].map((m) => ({
              id: m.id,
              role: m.role,
              leo: m.logEndOffset,
              lag: m.lag,
              caughtUp: m.lastCaughtUpAgoMs === null ? null : `${m.lastCaughtUpAgoMs}ms ago`,
            })),
            [
              {key: 'id', header: 'QUORUM NODE', align: 'right'},
              {key: 'role', header: 'ROLE'},
              {key: 'leo', header: 'LOG END OFFSET', align: 'right'},
              {key: 'lag', header: 'LAG', align: 'right'},
              {key: 'caughtUp', header: 'LAST CAUGHT UP'},
            ],
            {color},
          ),
        ]
      : []),
  ],
})
