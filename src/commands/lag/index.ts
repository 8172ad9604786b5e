import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'

import {type GroupLag, lagService} from '../../admin/groups/lag.js'
import {type WatchSnapshot, watchLag} from '../../admin/groups/lag-watch.js'
import {KafkaCommand} from '../../base-command.js'
import {ExitCode, usageError} from '../../errors.js'
import {groupSelection, lagFlags} from '../../flags/lag.js'
import {countFlag} from '../../flags/values.js'
import {TIMER_MAX_MS, parseWaitDuration} from '../../input/duration.js'
import type {View} from '../../output/format.js'
import {render} from '../../output/render.js'
import {durationCell} from '../../output/size.js'

export interface LagResult {
  groups: GroupLag[]
}

export default class Lag extends KafkaCommand<typeof Lag> {
  static summary = 'Consumer lag per group, in messages and in time (how old the next unconsumed record is).'
  static description =
    'Requests grow with brokers and groups, not partitions: ListGroups per broker, DescribeGroups and OffsetFetch per coordinator, one ListOffsets and one Fetch per leader broker.'
  static strict = false
  static examples = [
    '<%= config.bin %> lag orders-service',
    '<%= config.bin %> lag --all-groups --sort lag --top 10',
    '<%= config.bin %> lag orders-service --verbose --topic orders',
    '<%= config.bin %> lag orders-service --watch 5s',
    '<%= config.bin %> lag --all-groups --no-time-lag --output json',
    '<%= config.bin %> lag orders-service --isolation read-committed',
  ]

  static args = {group: Args.string({description: 'Group id(s).'})}
  static flags = {
    ...lagFlags,
    sort: Flags.option({
      options: ['lag', 'name'] as const,
      default: 'lag' as const,
      summary: 'Order groups by total lag (largest first) or by name.',
    })(),
    top: countFlag({summary: 'Only the first N groups (after sorting).'}),
    verbose: Flags.boolean({
      char: 'v',
      summary: 'One row per partition (committed, log-end, lag, time lag, consumer).',
    }),
    watch: Flags.string({
      summary: 'Refresh every INTERVAL (default 5s) with rates and a status per group: OK, WARN, STALL, STOP, REWIND.',
    }),
    iterations: countFlag({summary: 'With --watch: stop after N refreshes.'}),
  }

  /** `--watch` takes an optional interval: give a bare `--watch` its default. */
  override async init(): Promise<void> {
    const i = this.argv.indexOf('--watch')
    if (i !== -1 && !/^\d/.test(this.argv[i + 1] ?? '')) this.argv.splice(i + 1, 0, '5s')
    await super.init()
  }

  override get timeoutMs(): number {
    // Watch mode runs until stopped; the deadline bounds each request instead.
    const timeoutMs = super.timeoutMs // validated even when watching
    return this.flags?.watch ? TIMER_MAX_MS : timeoutMs
  }

  async run(): Promise<LagResult | undefined> {
    const selection = groupSelection(this.positionals, this.flags['all-groups'], this.flags.topic)
    const options = {
      ...selection,
      topic: this.flags.topic,
      timeLag: this.flags['time-lag'],
      isolation: this.flags.isolation,
    }
    const intervalMs =
      this.flags.watch === undefined
        ? undefined
        : parseWaitDuration(this.flags.watch, '--watch', {minMs: 500, example: '5s'})
    if (intervalMs !== undefined) return this.watch(options, intervalMs)
    const groups = sortGroups(
      await lagService.groupLag(await this.connection(), options),
      this.flags.sort,
      this.flags.top,
    )
    return this.present({groups}, this.flags.verbose ? partitionLagView : groupLagView)
  }

  private async watch(options: Parameters<typeof lagService.groupLag>[1], intervalMs: number): Promise<undefined> {
    if (this.jsonEnabled() || (this.flags.output && this.flags.output !== 'table' && this.flags.output !== 'wide')) {
      throw usageError(
        '--watch renders a live table; it has no JSON/YAML/CSV form',
        'Run `kctl lag --output json` repeatedly instead.',
        'INVALID_ARGUMENTS',
      )
    }
    const controller = new AbortController()
    process.once('SIGINT', () => {
      controller.abort()
      this.exitWith(ExitCode.cancelled) // stopped by the user (commands.md)
    })
    const tty = Boolean(process.stdout.isTTY)
    await watchLag(
      await this.connection(),
      {...options, intervalMs, iterations: this.flags.iterations, signal: controller.signal},
      (s) => {
        const text = render(
          {...s, groups: sortGroups(s.groups, this.flags.sort, this.flags.top)},
          watchView,
          this.format,
          {color: this.color},
        )
        process.stdout.write(tty ? `\u001B[H\u001B[2J${text}\n` : `${text}\n\n`)
      },
    )
    return undefined
  }
}

export function sortGroups<G extends GroupLag>(groups: G[], sort: 'lag' | 'name', top?: number): G[] {
  const sorted = [...groups].sort((a, b) =>
    sort === 'name'
      ? a.group.localeCompare(b.group)
      : a.lag === b.lag
        ? a.group.localeCompare(b.group)
        : b.lag > a.lag
          ? 1
          : -1,
  )
  return top ? sorted.slice(0, top) : sorted
}

const lagColor = (v: unknown) => (typeof v === 'bigint' && v > 0n ? 'yellow' : undefined)

export const groupLagView: View<LagResult> = {
  columns: [
    {key: 'group', header: 'GROUP'},
    {key: 'state', header: 'STATE'},
    {key: 'members', header: 'MEMBERS', align: 'right'},
    {key: 'topics', header: 'TOPICS', align: 'right'},
    {key: 'lag', header: 'LAG', align: 'right', color: lagColor},
    {key: 'timeLagMs', header: 'TIME-LAG', align: 'right', human: durationCell},
  ],
  rows: (d) =>
    d.groups.map((g) => ({
      group: g.group,
      state: g.state,
      members: g.members,
      topics: g.topics.length,
      lag: g.lag,
      timeLagMs: g.timeLagMs,
    })),
  empty: 'No groups.',
}

export const partitionLagView: View<LagResult> = {
  columns: [
    {key: 'group', header: 'GROUP'},
    {key: 'topic', header: 'TOPIC'},
    {key: 'partition', header: 'PARTITION', align: 'right'},
    {key: 'committed', header: 'COMMITTED', align: 'right'},
    {key: 'logEnd', header: 'LOG-END', align: 'right'},
    {key: 'lag', header: 'LAG', align: 'right', color: lagColor},
    {key: 'timeLagMs', header: 'TIME-LAG', align: 'right', human: durationCell},
    {key: 'owner', header: 'CONSUMER'},
  ],
  rows: (d) => d.groups.flatMap((g) => g.topics.flatMap((t) => t.partitions.map((p) => ({group: g.group, ...p})))),
  empty: 'No committed offsets.',
  footer: (d) => d.groups.flatMap((g) => g.topics.map((t) => `${g.group} ${t.topic}: lag ${t.lag}`)),
}

const rate = (n: number | null) => (n === null ? null : n.toFixed(1))

export const watchView: View<WatchSnapshot> = {
  header: (s) => [`kctl lag --watch   ${s.at}   refresh #${s.iteration}   (Ctrl-C to stop)`],
  columns: [
    {key: 'group', header: 'GROUP'},
    {key: 'status', header: 'STATUS', color: (v) => (v === 'OK' ? 'green' : v === 'WARN' ? 'yellow' : 'red')},
    {key: 'lag', header: 'LAG', align: 'right'},
    {key: 'timeLagMs', header: 'TIME-LAG', align: 'right', human: durationCell},
    {key: 'consumed', header: 'CONSUMED/S', align: 'right'},
    {key: 'produced', header: 'PRODUCED/S', align: 'right'},
    {key: 'rule', header: 'RULE'},
  ],
  rows: (s) =>
    s.groups.map((g) => ({
      group: g.group,
      status: g.status.status,
      lag: g.lag,
      timeLagMs: g.timeLagMs,
      consumed: rate(g.consumedPerSec),
      produced: rate(g.producedPerSec),
      rule: g.status.rule,
    })),
  empty: 'No groups.',
  footer: (s) =>
    s.groups.flatMap((g) =>
      g.partitionStatus
        .filter((p) => p.status.status !== 'OK')
        .map((p) => `  ${g.group} ${p.topic}:${p.partition} ${p.status.status}: ${p.status.rule}`),
    ),
}
