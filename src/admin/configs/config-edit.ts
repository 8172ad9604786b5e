import {usageError} from '../../errors.js'
import {parseConfigAssignment} from '../../input/config-entries.js'
import type {DescribedConfig} from '../../protocol/describe-configs.js'
import {type ConfigChange, type ConfigEntity, entityLabel} from './configs.js'

/** The text `configs edit` opens in $EDITOR: the current (non-sensitive) overrides as key=value lines. */
export function renderOverridesFile(entity: ConfigEntity, overrides: DescribedConfig[]): string {
  const sensitive = overrides.filter((c) => c.isSensitive).map((c) => c.name)
  return [
    `# Config overrides of ${entityLabel(entity)}.`,
    '# One key=value per line. Change a value to set it, delete a line to remove that override,',
    '# add a line to set a new one. Lines starting with # are ignored. Save unchanged to cancel.',
    ...(sensitive.length > 0
      ? [`# Sensitive overrides are not shown and stay unchanged: ${sensitive.join(', ')}`]
      : []),
    ...overrides.filter((c) => !c.isSensitive).map((c) => `${c.name}=${c.value ?? ''}`),
    '',
  ].join('\n')
}

/** key -> value from the edited file; a key twice is an error. */
export function parseOverridesFile(text: string): Map<string, string> {
  const out = new Map<string, string>()
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim()
    if (line === '' || line.startsWith('#')) continue
    const {key, value} = parseConfigAssignment(line, `line ${i + 1}`)
    if (out.has(key))
      throw usageError(`Line ${i + 1}: ${key} is set twice`, 'Keep one line per key.', 'DUPLICATE_CONFIG_KEY')
    out.set(key, value)
  }
  return out
}

/** The minimal incremental patch from the current overrides to the edited ones (sensitive keys untouched). */
export function overridesPatch(before: DescribedConfig[], after: Map<string, string>): ConfigChange[] {
  const current = new Map(before.filter((c) => !c.isSensitive).map((c) => [c.name, c.value ?? '']))
  const sensitive = new Set(before.filter((c) => c.isSensitive).map((c) => c.name))
  const changes: ConfigChange[] = []
  for (const [key, value] of after) {
    if (sensitive.has(key))
      throw usageError(
        `${key} is sensitive: it cannot be edited here`,
        `Use \`kctl configs set ... ${key}=VALUE\`.`,
        'SENSITIVE_CONFIG',
      )
    if (current.get(key) !== value) changes.push({key, operation: 'set', value})
  }
  for (const key of current.keys()) if (!after.has(key)) changes.push({key, operation: 'delete', value: null})
  return changes.sort((a, b) => a.key.localeCompare(b.key))
}

/** The same overrides (names and values) in both snapshots: nobody changed them meanwhile. */
export function sameOverrides(a: DescribedConfig[], b: DescribedConfig[]): boolean {
  const text = (x: DescribedConfig[]) => JSON.stringify(x.map((c) => [c.name, c.value]).sort())
  return text(a) === text(b)
}
