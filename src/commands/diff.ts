import {writeFileSync} from 'node:fs'

import * as Flags from '@oclif/core/flags'

import {stateService} from '../admin/state/service.js'
import {KafkaCommand} from '../base-command.js'
import {type ContextOutcome, contextList, eachContext, keepGoingFlag} from '../cli/each-context.js'
import {ExitCode, usageError} from '../errors.js'
import {render} from '../output/render.js'
import {type StateDiffResult, diffView} from '../cli/views/state.js'

export default class Diff extends KafkaCommand<typeof Diff> {
  static summary =
    'Compare state files with the cluster (or a snapshot): every pending change per field, with its risk.'
  static description =
    'Files are merged in order (a base, then overlays). Exit 0 when nothing is pending, 3 when something is (deletes count when the files say prune: true), 2 for invalid files (naming file, line and field). Risks: retention-decrease, cleanup-policy-change, partition-increase (breaks key ordering), replication-factor-change (moves data), delete. --out writes the plan for `kctl apply --plan`; --against plans against a file written by `kctl export`, without a cluster.'

  static examples = [
    '<%= config.bin %> diff --file base.yaml --file prod.yaml',
    '<%= config.bin %> diff --file orders.yaml --out plan.json --output json',
    '<%= config.bin %> diff --file orders.yaml --against snapshot.yaml',
    '<%= config.bin %> diff --file base.yaml --context staging,prod --keep-going',
  ]

  static flags = {
    file: Flags.string({
      char: 'f',
      summary: 'State file (repeatable; merged in order).',
      multiple: true,
      required: true,
    }),
    out: Flags.string({summary: 'Write the plan (JSON) for `kctl apply --plan`.'}),
    against: Flags.string({summary: 'Plan against this exported snapshot instead of the cluster (no connection).'}),
    'keep-going': keepGoingFlag,
  }

  async run(): Promise<StateDiffResult | {contexts: ContextOutcome<StateDiffResult>[]}> {
    const contexts = contextList(this.flags.context)
    if (contexts.length === 0) {
      const result = await this.diffOne()
      this.present(result, diffView)
      if (result.pending > 0) this.exitWith(ExitCode.checkFailed)
      return result
    }
    if (this.flags.out || this.flags.against)
      throw usageError(
        '--out and --against take one context',
        'Run diff once per context for plans; --against needs no context.',
        'INVALID_ARGUMENTS',
      )
    stateService.loadFiles(this.flags.file)
    const {outcomes, failure} = await eachContext(
      contexts,
      this.flags['keep-going'],
      (name) => this.useContext(name),
      () => this.diffOne(),
    )
    if (!this.jsonEnabled()) {
      for (const o of outcomes)
        this.log(
          `== ${o.context}: ${o.status === 'ok' ? `cluster ${o.result!.cluster}` : o.status === 'failed' ? `failed: ${o.error!.message}` : 'not run'}\n${o.result ? render(o.result, diffView, this.format, {color: this.color}) : ''}`,
        )
    }
    if (failure) this.exitWith(failure.exitCode)
    else if (outcomes.some((o) => (o.result?.pending ?? 0) > 0)) this.exitWith(ExitCode.checkFailed)
    return {contexts: outcomes}
  }

  private async diffOne(): Promise<StateDiffResult> {
    const files = this.flags.file
    let plan
    if (this.flags.against) plan = stateService.planAgainstSnapshot(files, this.flags.against).plan
    else {
      const loaded = stateService.loadFiles(files)
      plan = (await stateService.planAgainstCluster(await this.connection(), loaded)).plan
    }
    if (this.flags.out) writeFileSync(this.flags.out, `${JSON.stringify(plan, null, 2)}\n`)
    return {
      cluster: plan.clusterId,
      files,
      against: this.flags.against ?? null,
      planFile: this.flags.out ?? null,
      pending: plan.changes.length,
      changes: plan.changes,
      unmanaged: plan.unmanaged,
    }
  }
}
