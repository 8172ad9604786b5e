import * as Flags from '@oclif/core/flags'

import {type IdKind, requireId} from '../input/ids.js'
import {type IntegerRule, NUMBER_RULES, parseInteger} from '../input/numbers.js'

/**
 * Flags whose values are validated while oclif parses them (in the command's init, before any
 * request), with the validators of src/input: a bad value is one `Error:` line, a `Hint:` and
 * exit 2. Use these instead of Flags.integer / Flags.string for numbers and ids.
 */

/** An integer within `rule` (Kafka's int16/int32 range unless narrower). */
export const integerFlag = (rule: IntegerRule) =>
  Flags.custom<number>({parse: async (input, _ctx, opts) => parseInteger(input, `--${opts.name}`, rule)})

export const partitionCountFlag = integerFlag(NUMBER_RULES.partitionCount)
export const partitionIdFlag = integerFlag(NUMBER_RULES.partitionId)
export const replicationFactorFlag = integerFlag(NUMBER_RULES.replicationFactor)
export const brokerIdFlag = integerFlag(NUMBER_RULES.brokerId)
export const countFlag = integerFlag(NUMBER_RULES.count)

/** A non-empty id (group, transactional id, client id, ...). */
export const idFlag = (kind: IdKind) =>
  Flags.custom<string>({parse: async (input, _ctx, opts) => requireId(input, kind, `--${opts.name}`)})
