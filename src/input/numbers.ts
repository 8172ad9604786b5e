import {usageError} from '../errors.js'

/**
 * Kafka's integer ranges, as the protocol fields that carry them are typed: partition counts,
 * partition ids and broker ids are int32, replication factors int16, offsets and timestamps
 * int64. A value outside is refused here, before a request is encoded (kafkajs would throw a raw
 * RangeError, or silently wrap it).
 */
export const INT16_MAX = 32_767
export const INT32_MAX = 2_147_483_647
export const INT64_MAX = 2n ** 63n - 1n

export type IntegerKind = 'int16' | 'int32'

const KIND_MAX: Record<IntegerKind, number> = {int16: INT16_MAX, int32: INT32_MAX}

export interface IntegerRule {
  /** What the number is, for the message: "partition count", "broker id". */
  what: string
  kind?: IntegerKind
  min?: number
  max?: number
  /** An example value for the hint. */
  example?: number | string
}

/** A whole number of `rule.kind` (int32 by default) within [min, max]; `flag` names it in the error. */
export function parseInteger(text: string, flag: string, rule: IntegerRule): number {
  const {min, max, example} = bounds(rule)
  const t = text.trim()
  const hint = `${capitalize(rule.what)}: ${min} to ${max}${rule.max === undefined ? ` (Kafka's ${rule.kind ?? 'int32'} range)` : ''}, e.g. ${eg(flag, example)}.`
  if (!/^[+-]?\d+$/.test(t)) throw usageError(`Invalid ${flag} "${text}": not a whole number`, hint, 'INVALID_NUMBER')
  return checkInteger(BigInt(t), text, flag, rule, hint)
}

/** The range check of parseInteger for a number already parsed (oclif's integer flags, JSON files). */
export function checkIntegerRange(value: number, flag: string, rule: IntegerRule): number {
  const {min, max, example} = bounds(rule)
  const hint = `${capitalize(rule.what)}: ${min} to ${max}, e.g. ${eg(flag, example)}.`
  if (!Number.isInteger(value)) throw usageError(`Invalid ${flag} ${value}: not a whole number`, hint, 'INVALID_NUMBER')
  return checkInteger(BigInt(value), String(value), flag, rule, hint)
}

function checkInteger(v: bigint, text: string, flag: string, rule: IntegerRule, hint: string): number {
  const {min, max} = bounds(rule)
  if (v < BigInt(min))
    throw usageError(
      `Invalid ${flag} "${text.trim()}": the ${rule.what} must be at least ${min}`,
      hint,
      'INVALID_NUMBER',
    )
  if (v > BigInt(max)) {
    const why =
      rule.max === undefined
        ? `above ${max}, the largest ${rule.what} Kafka accepts (${rule.kind ?? 'int32'})`
        : `the ${rule.what} must be at most ${max}`
    throw usageError(`Invalid ${flag} "${text.trim()}": ${why}`, hint, 'INVALID_NUMBER')
  }
  return Number(v)
}

function bounds(rule: IntegerRule): {min: number; max: number; example: number | string} {
  const min = rule.min ?? 0
  const max = Math.min(rule.max ?? KIND_MAX[rule.kind ?? 'int32'], KIND_MAX[rule.kind ?? 'int32'])
  return {min, max, example: rule.example ?? Math.max(min, 1)}
}

/** A 64-bit integer (offsets, lag thresholds), `min` 0 unless given. */
export function parseInt64(text: string, flag: string, rule: {what: string; min?: bigint; example?: string}): bigint {
  const t = text.trim()
  const min = rule.min ?? 0n
  const hint = `${capitalize(rule.what)}: ${min} to ${INT64_MAX} (int64), e.g. ${eg(flag, rule.example ?? '1000')}.`
  if (!/^[+-]?\d+$/.test(t)) throw usageError(`Invalid ${flag} "${text}": not a whole number`, hint, 'INVALID_NUMBER')
  const v = BigInt(t)
  if (v < min)
    throw usageError(`Invalid ${flag} "${text}": the ${rule.what} must be at least ${min}`, hint, 'INVALID_NUMBER')
  if (v > INT64_MAX)
    throw usageError(`Invalid ${flag} "${text}": above ${INT64_MAX}, the 64-bit limit`, hint, 'INVALID_NUMBER')
  return v
}

/** `--flag 6` for flags, just `6` for positional arguments. */
const eg = (flag: string, example: number | string) => (flag.startsWith('-') ? `${flag} ${example}` : String(example))
const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)

/** The kinds of numbers kctl reads, with Kafka's range for each. */
export const NUMBER_RULES = {
  partitionCount: {what: 'partition count', kind: 'int32', min: 1, example: 6},
  partitionId: {what: 'partition', kind: 'int32', min: 0, example: 0},
  replicationFactor: {what: 'replication factor', kind: 'int16', min: 1, example: 3},
  brokerId: {what: 'broker id', kind: 'int32', min: 0, example: 1},
  count: {what: 'count', kind: 'int32', min: 1, example: 10},
} as const satisfies Record<string, IntegerRule>
