import {
  overridesPatch,
  parseOverridesFile,
  renderOverridesFile,
  sameOverrides,
} from '../../admin/configs/config-edit.js'
import {type AlterConfigsResult, configsService, entityLabel, overridesOf} from '../../admin/configs/configs.js'
import {isQuotaType} from '../../admin/configs/config-quotas.js'
import {ConfigAlterCommand, configDiffView} from '../../cli/config-alter.js'
import {operationError, usageError} from '../../errors.js'
import {entityOf, resolveEntity} from '../../flags/configs.js'
import {render} from '../../output/render.js'
import {editText, editorCommand} from '../../prompts/editor.js'

export default class ConfigsEdit extends ConfigAlterCommand<typeof ConfigsEdit> {
  static summary =
    'Edit the config overrides of a topic, broker or the broker default in $EDITOR, then apply the minimal incremental patch.'
  static description =
    'Like kubectl edit: the overrides open as key=value lines; on save kctl shows the diff, confirms (--yes skips) and applies only the changed keys with IncrementalAlterConfigs. If the overrides changed on the cluster meanwhile, nothing is applied.'

  static examples = [
    '<%= config.bin %> configs edit topic orders',
    'EDITOR="code --wait" <%= config.bin %> configs edit broker 1',
    '<%= config.bin %> configs edit broker --default --dry-run',
  ]

  async run(): Promise<AlterConfigsResult> {
    const r = resolveEntity(this.positionals, this.flags)
    if (r.rest.length > 0)
      throw usageError(
        `Unexpected argument: ${r.rest.join(' ')}`,
        'Usage: kctl configs edit TYPE NAME.',
        'INVALID_ARGUMENTS',
      )
    const entity = entityOf(r)
    if (isQuotaType(entity.type))
      throw usageError(
        `configs edit does not edit ${entity.type} quotas`,
        'Use `kctl configs set|delete` or `kctl quotas set|delete`.',
        'INVALID_ENTITY_TYPE',
      )
    const target = `${entity.type}${entity.name === '' ? ' --default' : ` ${entity.name}`}`
    const alternative = `\`kctl configs set ${target} KEY=VALUE\` or \`kctl configs delete ${target} KEY\``
    editorCommand(alternative) // before connecting: a terminal and $EDITOR
    await this.validateTarget(entity)
    const conn = await this.connection()
    const before = overridesOf(entity, await configsService.describeEntityRaw(conn, entity))
    const edited = parseOverridesFile(
      this.byUser(() =>
        editText(
          renderOverridesFile(entity, before),
          `${entity.type}-${entity.name || 'default'}.properties`,
          alternative,
        ),
      ),
    )
    const changes = overridesPatch(before, edited)
    if (changes.length === 0) {
      process.stderr.write('No changes.\n')
      return this.present({entity, dryRun: Boolean(this.flags['dry-run']), changes: []}, configDiffView)
    }
    this.validateChanges(entity, changes)
    const preview = changes.map((c) => ({
      key: c.key,
      before: before.find((b) => b.name === c.key)?.value ?? null,
      after: c.value,
    }))
    process.stderr.write(
      `${render({entity, dryRun: true, changes: preview}, configDiffView, 'table', {color: false}).split('\n').slice(1).join('\n')}\n`,
    )
    if (!this.flags['dry-run'])
      await this.guardMutation(`Apply these ${changes.length} change(s) to ${entityLabel(entity)}?`, {
        yes: this.flags.yes,
        destructive: true,
      })
    const fresh = await configsService.describeEntityRaw(conn, entity)
    if (!sameOverrides(before, overridesOf(entity, fresh))) {
      throw operationError(
        `The overrides of ${entityLabel(entity)} changed while you were editing; nothing was applied`,
        {code: 'CONCURRENT_MODIFICATION', hint: 'Run the edit again.'},
      )
    }
    return this.present(
      await configsService.alterEntityConfigs(conn, entity, changes, {
        dryRun: Boolean(this.flags['dry-run']),
        before: fresh,
      }),
      configDiffView,
    )
  }
}
