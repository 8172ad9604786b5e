import {type InternalDecoder, decodeInternal} from '../../admin/records/internal-decoders.js'
import {type RecordLike, recordJsonLine, toRecordJson} from '../../admin/records/record-json.js'
import {usageError} from '../../errors.js'
import {paint} from '../../output/colors.js'

/** How consume prints records, one call per record (streamed, never buffered whole). */
export type RecordFormatter = (r: RecordLike) => string | Buffer

export function jsonFormatter(showAborted: boolean, decoder?: InternalDecoder): RecordFormatter {
  if (!decoder) return (r) => `${recordJsonLine(toRecordJson(r, showAborted))}\n`
  return (r) =>
    `${recordJsonLine({...toRecordJson(r, showAborted), decoded: decodeInternal(decoder, r.key, r.value)})}\n`
}

/** --decode in a table or raw: the decoded record as compact JSON in place of the value. */
export function decodedValue(decoder: InternalDecoder, r: RecordLike): RecordLike {
  return {
    ...r,
    value: Buffer.from(
      JSON.stringify(decodeInternal(decoder, r.key, r.value), (_k, v: unknown) =>
        typeof v === 'bigint' ? Number(v) : v,
      ),
    ),
  }
}

/** -o raw: the value's bytes, then a newline (kcat's default). A null value prints an empty line. */
export const rawFormatter: RecordFormatter = (r) => (r.value ? Buffer.concat([r.value, NEWLINE]) : NEWLINE)
const NEWLINE = Buffer.from('\n')

const shown = (b: Buffer | null, max: number): string => {
  if (b === null) return '(null)'
  const t = b.toString('utf8')
  const s = Buffer.from(t, 'utf8').equals(b) ? t.replaceAll(/[\r\n\t]/g, ' ') : `base64:${b.toString('base64')}`
  return s.length > max ? `${s.slice(0, Math.max(1, max - 1))}…` : s
}

export const TABLE_HEADER = ['PARTITION', 'OFFSET', 'TIMESTAMP', 'KEY', 'VALUE']

/** The table: one aligned line per record, the value cut to the terminal's width. */
export function tableFormatter(options: {width: number; color: boolean; showTopic: boolean; showAborted: boolean}): {
  header: string
  format: RecordFormatter
} {
  const topicW = options.showTopic ? 24 : 0
  const head = `${options.showTopic ? 'TOPIC'.padEnd(topicW + 1) : ''}${'PARTITION'.padEnd(10)}${'OFFSET'.padStart(10)}  ${'TIMESTAMP'.padEnd(24)}  ${'KEY'.padEnd(16)}  VALUE`
  const fixed = head.length - 'VALUE'.length
  return {
    header: `${paint('bold', head, options.color)}\n`,
    format(r) {
      const ts = r.timestamp < 0 ? '-' : new Date(r.timestamp).toISOString()
      const label = options.showAborted && r.aborted ? paint('yellow', '[aborted] ', options.color) : ''
      const topic = options.showTopic ? `${shown(Buffer.from(r.topic), topicW).padEnd(topicW)} ` : ''
      const value = shown(r.value, Math.max(20, options.width - fixed - (label ? 10 : 0)))
      return `${topic}${String(r.partition).padEnd(10)}${String(r.offset).padStart(10)}  ${ts.padEnd(24)}  ${shown(r.key, 16).padEnd(16)}  ${label}${value}\n`
    },
  }
}

/**
 * kcat's `-f` tokens: %t topic, %p partition, %o offset, %k key, %s value, %K / %S key / value
 * length (-1 for null), %T timestamp (ms), %h headers (k=v,…), %% a percent sign; \n \t \r \\
 * escapes. Nothing is added: end the format with \n for lines.
 */
export function kcatFormatter(format: string): RecordFormatter {
  const parts: ((r: RecordLike) => string | Buffer)[] = []
  let literal = ''
  const flush = () => {
    if (literal) {
      const l = literal
      parts.push(() => l)
    }
    literal = ''
  }
  for (let i = 0; i < format.length; i++) {
    const c = format[i]
    if (c === '\\' && i + 1 < format.length) {
      const n = format[++i]
      literal += n === 'n' ? '\n' : n === 't' ? '\t' : n === 'r' ? '\r' : n
      continue
    }
    if (c !== '%') {
      literal += c
      continue
    }
    const t = format[++i]
    if (t === '%') {
      literal += '%'
      continue
    }
    flush()
    switch (t) {
      case 't':
        parts.push((r) => r.topic)
        break
      case 'p':
        parts.push((r) => String(r.partition))
        break
      case 'o':
        parts.push((r) => String(r.offset))
        break
      case 'k':
        parts.push((r) => r.key ?? '')
        break
      case 's':
        parts.push((r) => r.value ?? '')
        break
      case 'K':
        parts.push((r) => String(r.key ? r.key.length : -1))
        break
      case 'S':
        parts.push((r) => String(r.value ? r.value.length : -1))
        break
      case 'T':
        parts.push((r) => String(r.timestamp))
        break
      case 'h':
        parts.push((r) => r.headers.map((h) => `${h.key}=${h.value?.toString('utf8') ?? ''}`).join(','))
        break
      default:
        throw usageError(
          `Unknown --format token %${t ?? ''}`,
          'Tokens: %t topic, %p partition, %o offset, %k key, %s value, %K/%S key/value length, %T timestamp, %h headers, %% percent; escapes \\n \\t.',
          'INVALID_FORMAT',
        )
    }
  }
  flush()
  return (r) => {
    const pieces = parts.map((p) => p(r))
    return pieces.every((x) => typeof x === 'string')
      ? pieces.join('')
      : Buffer.concat(pieces.map((x) => (typeof x === 'string' ? Buffer.from(x) : x)))
  }
}
