import {usageError} from '../errors.js'

export const MAX_TOPIC_NAME_LENGTH = 249

/** Kafka's topic-name rules (Topic.validate): legal characters, length, not "." or "..". */
export function validateTopicName(name: string): void {
  const hint = 'Topic names use letters, digits, ".", "_" and "-", at most 249 characters.'
  if (name === '') throw usageError('Topic name is empty', hint, 'INVALID_TOPIC_NAME')
  if (name === '.' || name === '..') throw usageError(`Topic name cannot be "${name}"`, hint, 'INVALID_TOPIC_NAME')
  if (name.length > MAX_TOPIC_NAME_LENGTH)
    throw usageError(
      `Topic name is ${name.length} characters long; the limit is ${MAX_TOPIC_NAME_LENGTH}`,
      hint,
      'INVALID_TOPIC_NAME',
    )
  const bad = [...name].find((ch) => !/[a-zA-Z0-9._-]/.test(ch))
  if (bad !== undefined)
    throw usageError(`Topic name "${name}" contains the illegal character "${bad}"`, hint, 'INVALID_TOPIC_NAME')
}
