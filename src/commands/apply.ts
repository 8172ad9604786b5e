import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'

import {inverseChanges} from '../admin/state/apply.js'
import {appendApplyJournal, applyJournalFile, readApplyJournal} from '../admin/state/journal.js'
import {type Change, type Plan, changeId} from '../admin/state/plan.js'
import {type LoadedFiles, stateService} from '../admin/state/service.js'
import type {KafkaConnection} from '../connection/client.js'
import {KafkaCommand, yesFlag} from '../base-command.js'
import {type ContextOutcome, contextList, eachContext, keepGoingFlag} from '../cli/each-context.js'
import {ExitCode, usageError} from '../errors.js'
import {parseByteRate} from '../input/byte-rate.js'
import {render} from '../output/render.js'
import {type StateApplyResult, applyView} from '../cli/views/state.js'

export default class Apply extends KafkaCommand<typeof Apply> {
  static summary =
    'Make the cluster match state files (or a reviewed plan): configs, partitions, replication, ACLs, quotas, users.'
  static description =
    "Configs change incrementally (other overrides stay), partitions only increase, a replication-factor change is a reassignment (--throttle). Deletes happen only when the files say prune: true AND --prune is given, and only inside the files' scope; internal topics never. With --plan, apply first re-reads every value the plan recorded and refuses a stale plan. Each run is journaled: `--undo [ID]` puts the replaced values back. Confirms on a terminal; needs --yes without one."

  static examples = [
    '<%= config.bin %> apply --file orders.yaml --dry-run',
    '<%= config.bin %> apply --file base.yaml --file prod.yaml --yes',
    '<%= config.bin %> apply --plan plan.json --prune --yes',
    '<%= config.bin %> apply --undo --yes',
    '<%= config.bin %> apply --undo 20261201T101500-a1b2c3 --yes',
    '<%= config.bin %> apply --file base.yaml --context staging,prod --yes --keep-going',
  ]

  static args = {
    id: Args.string({description: 'With --undo: the journal entry to undo (default: the last apply on this cluster).'}),
  }
  static flags = {
    file: Flags.string({
      char: 'f',
      summary: 'State file (repeatable; merged in order).',
      multiple: true,
      exclusive: ['plan'],
    }),
    plan: Flags.string({summary: 'A plan written by `kctl diff --out` (refused when stale).'}),
    prune: Flags.boolean({
      summary: 'Delete resources in the scope that the files do not list (the files must also say prune: true).',
    }),
    throttle: Flags.string({summary: 'Replication throttle for replication-factor changes, e.g. 50MiB/s.'}),
    undo: Flags.boolean({
      summary: 'Put back the values an earlier apply replaced (the last one, or ID).',
      exclusive: ['file', 'plan', 'prune'],
    }),
    'dry-run': Flags.boolean({summary: 'Show what would be applied; change nothing.'}),
    'keep-going': keepGoingFlag,
    yes: yesFlag,
  }

  async run(): Promise<StateApplyResult | {contexts: ContextOutcome<StateApplyResult>[]}> {
    const {flags} = this
    if (!flags.undo && this.args.id)
      throw usageError(`Unexpected argument ${this.args.id}`, 'An ID is only taken with --undo.', 'INVALID_ARGUMENTS')
    if (!flags.undo && !flags.plan && !flags.file?.length)
      throw usageError(
        'Say what to apply: --file FILE (repeatable), --plan plan.json or --undo',
        'E.g. `kctl apply --file orders.yaml --dry-run`.',
        'MISSING_STATE_FILE',
      )
    const throttle = flags.throttle === undefined ? null : parseByteRate(flags.throttle)
    // Files and plans are read and validated before connecting: bad ones exit 2 even without a cluster.
    const loaded = flags.file?.length && !flags.undo ? stateService.loadFiles(flags.file) : undefined
    const planned = flags.plan && !flags.undo ? stateService.readPlanFile(flags.plan) : undefined
    const contexts = contextList(flags.context)
    const failedItems = (r: StateApplyResult) => r.changes.some((c) => c.status === 'failed')
    if (contexts.length === 0) {
      const result = await this.applyOne(loaded, planned, throttle)
      this.present(result, applyView)
      if (failedItems(result)) this.exitWith(ExitCode.failed)
      return result
    }
    if (planned || flags.undo)
      throw usageError(
        '--plan and --undo take one context',
        'A plan and a journal entry belong to one cluster: run apply once per context.',
        'INVALID_ARGUMENTS',
      )
    const {outcomes, failure} = await eachContext(
      contexts,
      flags['keep-going'],
      (name) => this.useContext(name),
      () => this.applyOne(loaded, planned, throttle),
    )
    if (!this.jsonEnabled()) {
      for (const o of outcomes)
        this.log(
          `== ${o.context}: ${o.status === 'ok' ? `cluster ${o.result!.cluster}` : o.status === 'failed' ? `failed: ${o.error!.message}` : 'not run'}\n${o.result ? render(o.result, applyView, this.format, {color: this.color}) : ''}`,
        )
    }
    if (failure) this.exitWith(failure.exitCode)
    else if (outcomes.some((o) => o.result && failedItems(o.result))) this.exitWith(ExitCode.failed)
    return {contexts: outcomes}
  }

  private async applyOne(
    loaded: LoadedFiles | undefined,
    planned: Plan | undefined,
    throttle: number | null,
  ): Promise<StateApplyResult> {
    const {flags} = this
    const conn = await this.connection()
    let plan: Plan
    let undoOf: string | null = null
    let notUndoable: StateApplyResult['notUndoable'] = []
    if (flags.undo) ({plan, undoOf, notUndoable} = await this.undoPlan(conn))
    else if (planned) {
      plan = planned
      await stateService.checkPlanFresh(conn, plan)
    } else plan = (await stateService.planAgainstCluster(conn, loaded!)).plan
    const prepared = await stateService.prepareApply(conn, plan, {prune: flags.undo || flags.prune})
    const result: StateApplyResult = {
      cluster: plan.clusterId,
      files: plan.files,
      dryRun: Boolean(flags['dry-run']),
      journalId: null,
      undoOf,
      changes: [],
      unmanaged: plan.unmanaged,
      notUndoable,
    }
    const withStatus = (
      statuses: Map<string, {status: StateApplyResult['changes'][number]['status']; reason: string | null}>,
    ) => plan.changes.map((c) => ({...c, ...(statuses.get(changeId(c)) ?? {status: 'planned' as const, reason: null})}))
    const skipped = new Map(prepared.skipped.map((s) => [s.id, s]))
    if (flags['dry-run'] || prepared.run.length === 0) {
      result.changes = withStatus(skipped)
      return result
    }
    const deletes = prepared.run.filter((c) => c.action === 'delete').length
    const risky = prepared.run.filter((c) => c.risks.length > 0).length
    await this.guardMutation(
      `Apply ${prepared.run.length} change(s) to cluster ${plan.clusterId}${deletes ? `, ${deletes} of them delete(s)` : ''}${risky ? ` (${risky} with a risk)` : ''}?`,
      {yes: flags.yes, destructive: true},
    )
    const entry = appendApplyJournal({
      clusterId: plan.clusterId ?? '',
      files: plan.files,
      action: undoOf ? `undo of ${undoOf}` : 'apply',
      changes: prepared.run,
      scope: plan.scope,
      kinds: plan.kinds,
    })
    result.journalId = entry.id
    const outcomes = await stateService.applyPrepared(conn, plan, prepared, {
      timeoutMs: this.timeoutMs,
      throttle,
      onProgress: (line) => this.note(line),
    })
    result.changes = withStatus(new Map(outcomes.map((o) => [o.id, o])))
    return result
  }

  /** The inverse of a journaled apply, checked against the cluster like a plan (the values it left must still be there). */
  private async undoPlan(
    conn: KafkaConnection,
  ): Promise<{plan: Plan; undoOf: string; notUndoable: StateApplyResult['notUndoable']}> {
    const {clusterService} = await import('../admin/cluster/cluster.js')
    const clusterId = await clusterService.clusterId(conn)
    const entries = readApplyJournal({clusterId})
    const entry = this.args.id ? entries.find((e) => e.id === this.args.id) : entries.at(-1)
    if (!entry)
      throw usageError(
        this.args.id
          ? `No apply ${this.args.id} on cluster ${clusterId} in the journal`
          : `The journal has no apply on cluster ${clusterId}`,
        `Journal: ${applyJournalFile()}.`,
        'NOTHING_TO_UNDO',
      )
    const {inverse, notUndoable} = inverseChanges(entry.changes as Change[])
    const plan: Plan = {
      version: 1,
      clusterId,
      createdAt: new Date().toISOString(),
      files: entry.files,
      prune: true,
      scope: entry.scope,
      kinds: entry.kinds,
      changes: inverse,
      unmanaged: [],
    }
    await stateService.checkPlanFresh(conn, plan)
    return {plan, undoOf: entry.id, notUndoable}
  }
}
