/**
 * A reader for the plain YAML that `saveConfig` writes (block mappings, block sequences of
 * scalars, plain scalars), so that reading the config file, which every command connecting to
 * Kafka does, need not load the yaml package (72 modules). It answers exactly what `yaml.parse`
 * answers for that subset and `undefined` for anything else (comments, quotes, flow collections,
 * anchors, tags, single quotes, escapes, multi-line or typed scalars other than booleans and
 * decimal integers, duplicate keys...): the caller then parses with the yaml package, whose answers and errors stay the rule.
 */
type Value = string | number | boolean | null | Value[] | {[key: string]: Value}

const KEY = /^(?!(?:null|Null|NULL|true|True|TRUE|false|False|FALSE)$)[A-Za-z_][A-Za-z0-9_./-]*$/
// A plain scalar that is a string whatever it holds: no indicator first, no ": " or " #", no
// quotes or flow/anchor/tag characters, no trailing space.
const SAFE_START = /^[A-Za-z0-9_/.]/
const UNSAFE = /: |:$| #|["'{}[\],&*!|>%@`]|\s$/
// What YAML 1.2's core schema (the yaml package's default) resolves to null, a boolean or a
// number; apart from the common cases below, left to the yaml package.
const CORE_TYPED = [
  /^(?:~|[Nn]ull|NULL)?$/,
  /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
  /^0o[0-7]+$/,
  /^[-+]?[0-9]+$/,
  /^0x[0-9a-fA-F]+$/,
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
]

function scalar(text: string): Value | undefined {
  if (text === 'true') return true
  if (text === 'false') return false
  if (/^(?:0|[1-9][0-9]{0,14})$/.test(text)) return Number(text)
  // A double-quoted scalar without escapes is its text (yaml.stringify quotes "5000" this way).
  if (/^"[^"\\]*"$/.test(text)) return text.slice(1, -1)
  if (!SAFE_START.test(text) || UNSAFE.test(text) || CORE_TYPED.some((re) => re.test(text))) return undefined
  return text
}

interface Line {
  indent: number
  text: string
}

export function parseSimpleYaml(source: string): Value | undefined {
  if (source.includes('#') || source.includes('\t') || source.includes('\r')) return undefined
  const lines: Line[] = []
  for (const raw of source.split('\n')) {
    if (raw.trim() === '') continue
    const text = raw.trimStart()
    if (text.startsWith('---') || text.startsWith('...')) return undefined
    lines.push({indent: raw.length - text.length, text})
  }
  if (lines.length === 0 || lines[0].indent !== 0) return undefined
  let i = 0

  function block(indent: number): Value | undefined {
    if (lines[i].text.startsWith('- ') || lines[i].text === '-') return sequence(indent)
    return mapping(indent)
  }

  function sequence(indent: number): Value[] | undefined {
    const items: Value[] = []
    while (i < lines.length && lines[i].indent === indent) {
      const {text} = lines[i]
      if (!text.startsWith('- ')) return undefined
      const value = scalar(text.slice(2))
      if (value === undefined) return undefined
      items.push(value)
      i++
    }
    return items
  }

  function mapping(indent: number): {[key: string]: Value} | undefined {
    const map: {[key: string]: Value} = {}
    while (i < lines.length && lines[i].indent === indent) {
      const {text} = lines[i]
      const colon = text.indexOf(':')
      if (colon <= 0) return undefined
      const key = text.slice(0, colon)
      if (!KEY.test(key) || Object.hasOwn(map, key) || key === '__proto__') return undefined
      const rest = text.slice(colon + 1)
      i++
      if (rest === '') {
        if (i < lines.length && lines[i].indent > indent) {
          const value = block(lines[i].indent)
          if (value === undefined) return undefined
          map[key] = value
        } else {
          map[key] = null
        }
      } else {
        if (!rest.startsWith(' ')) return undefined
        const value = scalar(rest.slice(1))
        if (value === undefined) return undefined
        map[key] = value
      }
    }
    return map
  }

  const value = block(0)
  return i === lines.length ? value : undefined
}
