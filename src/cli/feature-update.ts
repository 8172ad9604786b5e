import type {Command} from '@oclif/core/command'
import * as Flags from '@oclif/core/flags'

import {clusterService} from '../admin/cluster/cluster.js'
import {findReleaseVersion, releaseVersionRange} from '../admin/cluster/feature-versions.js'
import {
  type FeatureOperation,
  type FeatureUpdateOutcome,
  featuresService,
  upgradeTypeName,
} from '../admin/cluster/features.js'
import {ExitCode, KafkaCommand, yesFlag} from '../base-command.js'
import {usageError} from '../errors.js'
import {parseFeatureLevel, parseFeatureName, rejectDuplicateFeatures} from '../input/feature-level.js'
import {canPrompt} from '../prompts/prompter.js'
import {type FeatureUpdateResult, featureUpdateView} from './views/features.js'

export type {FeatureUpdateResult}

export const featureUpdateFlags = {
  'dry-run': Flags.boolean({
    summary: 'Validate the update on the controller (ValidateOnly) and show what would change; change nothing.',
  }),
  yes: yesFlag,
}

export const releaseVersionFlag = Flags.string({
  summary:
    'A release version (metadata.version name, e.g. 4.4-IV2): sets metadata.version and the features it maps to.',
  exclusive: ['feature'],
})

export const unsafeFlags = {
  unsafe: Flags.boolean({
    summary: 'Allow a lossy (unsafe) downgrade that may destroy metadata; needs the cluster id typed or --cluster-id.',
  }),
  'cluster-id': Flags.string({
    summary: 'With --unsafe: the cluster id, as the confirmation (required without a terminal, with --yes).',
  }),
}

/** `cluster features upgrade|downgrade|disable`: parse, check against the cluster, confirm, update. */
export abstract class FeatureUpdateCommand<T extends typeof Command> extends KafkaCommand<T> {
  protected async updateFeatures(
    operation: FeatureOperation,
    input: {features?: string[]; releaseVersion?: string; unsafe?: boolean; clusterId?: string},
  ): Promise<FeatureUpdateResult> {
    const flags = this.flags as {'dry-run'?: boolean; yes?: boolean}
    const dryRun = Boolean(flags['dry-run'])
    const features = (input.features ?? []).map((f) =>
      operation === 'disable' ? {name: parseFeatureName(f), level: 0} : parseFeatureLevel(f),
    )
    rejectDuplicateFeatures(features.map((f) => f.name))
    let release = null
    if (input.releaseVersion !== undefined) {
      release = findReleaseVersion(input.releaseVersion) ?? null
      if (!release)
        throw usageError(
          `Unknown release version "${input.releaseVersion}"`,
          `Release versions run from ${releaseVersionRange()}; \`kctl cluster features versions\` lists them.`,
          'UNKNOWN_RELEASE_VERSION',
        )
    }
    if (features.length === 0 && !release)
      throw usageError(
        `Say what to ${operation}: --feature ${operation === 'disable' ? 'NAME' : 'NAME=LEVEL'}${operation === 'disable' ? '' : ' or --release-version VERSION'}`,
        operation === 'disable'
          ? 'e.g. `kctl cluster features disable --feature share.version`.'
          : `e.g. \`kctl cluster features ${operation} --feature share.version=1\`.`,
        'MISSING_FLAG',
      )
    if (input.clusterId !== undefined && !input.unsafe)
      throw usageError(
        '--cluster-id confirms an unsafe downgrade: it needs --unsafe',
        undefined,
        'CONFLICTING_ARGUMENTS',
      )
    if (input.unsafe && !dryRun && input.clusterId === undefined && flags.yes)
      throw usageError(
        'An unsafe downgrade with --yes needs the cluster id: --cluster-id ID',
        '`kctl cluster describe` shows the cluster id; a lossy downgrade cannot be confirmed by --yes alone.',
        'CLUSTER_ID_REQUIRED',
      )
    const conn = await this.connection()
    const state = await featuresService.clusterFeatureState(conn)
    const plan = featuresService.planFeatureUpdates({operation, features, release}, state)
    const changes = plan.filter((p) => p.fromLevel !== p.toLevel)
    if (changes.length > 0 && !dryRun) {
      const what = changes.map((p) => `${p.name} ${p.fromLevel} -> ${p.toLevel}`).join(', ')
      if (input.unsafe) {
        await this.guardMutation(`Unsafely ${operation} ${what}?`)
        await this.confirmClusterId(
          conn,
          `Unsafe ${operation} of ${what}: metadata may be lost for good.`,
          input.clusterId,
        )
      } else {
        await this.guardMutation(
          `${operation === 'upgrade' ? 'Upgrade' : operation === 'disable' ? 'Disable' : 'Downgrade'} ${what} cluster-wide?`,
          {destructive: true},
        )
      }
    }
    const outcomes: FeatureUpdateOutcome[] = await featuresService.updateFeatures(conn, plan, {
      operation,
      unsafe: Boolean(input.unsafe),
      validateOnly: dryRun,
      timeoutMs: Math.min(this.timeoutMs, 60_000),
    })
    const result: FeatureUpdateResult = {
      operation,
      upgradeType: upgradeTypeName(operation, Boolean(input.unsafe)),
      dryRun,
      releaseVersion: release?.version ?? null,
      features: outcomes,
    }
    this.present(result, featureUpdateView)
    if (outcomes.some((o) => o.status === 'failed')) this.exitWith(ExitCode.failed)
    return result
  }

  /** The cluster id as the confirmation of an unsafe change: --cluster-id, or typed on a terminal. */
  private async confirmClusterId(
    conn: Awaited<ReturnType<KafkaCommand<T>['connection']>>,
    question: string,
    given: string | undefined,
  ): Promise<void> {
    const actual = await clusterService.clusterId(conn)
    if (given !== undefined) {
      if (given.trim() !== actual)
        throw usageError(
          `--cluster-id ${given} is not this cluster's id`,
          'Check the connection: `kctl cluster describe` shows the cluster id.',
          'CLUSTER_ID_NOT_CONFIRMED',
        )
      return
    }
    if (!canPrompt() || this.jsonEnabled())
      throw usageError(
        'An unsafe downgrade needs the cluster id as its confirmation: --cluster-id ID',
        'Run it on a terminal to type the id, or pass --cluster-id with the id `kctl cluster describe` shows.',
        'CLUSTER_ID_REQUIRED',
      )
    await this.confirm(question, {typed: actual})
  }
}
