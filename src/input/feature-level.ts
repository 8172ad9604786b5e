import {usageError} from '../errors.js'
import {INT16_MAX} from './numbers.js'

/** A feature name as Kafka's features are named (metadata.version, share.version, ...). */
const FEATURE_NAME = /^[A-Za-z0-9._-]+$/

/** `--feature name` (disable) or `name=level`: the level an int16 from 0, as UpdateFeatures carries it. */
export function parseFeatureName(text: string, flag = '--feature'): string {
  const name = text.trim()
  if (!FEATURE_NAME.test(name))
    throw usageError(
      `Invalid ${flag} "${text}": not a feature name`,
      'Feature names look like metadata.version or share.version (`kctl cluster features` lists them).',
      'INVALID_FEATURE',
    )
  return name
}

export function parseFeatureLevel(text: string, flag = '--feature'): {name: string; level: number} {
  const eq = text.indexOf('=')
  if (eq < 0)
    throw usageError(
      `Invalid ${flag} "${text}": not name=level`,
      `Give the feature and its level, e.g. ${flag} share.version=1.`,
      'INVALID_FEATURE',
    )
  const name = parseFeatureName(text.slice(0, eq), flag)
  const raw = text.slice(eq + 1).trim()
  const hint = `A feature level is a whole number from 0 to ${INT16_MAX} (Kafka's int16), e.g. ${flag} ${name}=1.`
  if (!/^\d+$/.test(raw))
    throw usageError(`Invalid ${flag} "${text}": the level is not a whole number from 0`, hint, 'INVALID_NUMBER')
  const level = Number(raw)
  if (level > INT16_MAX)
    throw usageError(`Invalid ${flag} "${text}": the level is above ${INT16_MAX} (int16)`, hint, 'INVALID_NUMBER')
  return {name, level}
}

/** Each feature once: the same name twice is a mistake, not a last-one-wins. */
export function rejectDuplicateFeatures(names: string[]): void {
  const seen = new Set<string>()
  for (const n of names) {
    if (seen.has(n))
      throw usageError(`Feature ${n} is given more than once`, 'Give each feature once.', 'DUPLICATE_FEATURE')
    seen.add(n)
  }
}
