import {expect} from 'chai'
import {mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {parse, stringify} from 'yaml'

import {type KctlConfig, loadConfig, saveConfig} from '../../../src/connection/config-file.js'
import {parseSimpleYaml} from '../../../src/connection/simple-yaml.js'

/** Either the fast reader declines (undefined) or it answers exactly what the yaml package does. */
function agreesWithYaml(source: string): 'fast' | 'declined' {
  const fast = parseSimpleYaml(source)
  if (fast === undefined) return 'declined'
  expect(fast, source).to.deep.equal(parse(source))
  return 'fast'
}

describe('the config file reader without the yaml package', () => {
  it('reads what saveConfig writes, exactly as the yaml package does', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kctl-simple-yaml-'))
    try {
      const config: KctlConfig = {
        currentContext: 'prod-eu',
        contexts: {
          'prod-eu': {
            bootstrapServers: ['kafka-1.example.com:9093', '10.0.0.2:9093'],
            readOnly: true,
            clusterId: 'Ab3_x-9',
          },
          local: {bootstrapServers: ['127.0.0.1:9092'], commandConfig: '/home/me/client.properties'},
          'with.props': {
            bootstrapServers: ['localhost:9092'],
            properties: {
              'security.protocol': 'SASL_SSL',
              'sasl.mechanism': 'SCRAM-SHA-512',
              'request.timeout.ms': '5000',
            },
            protected: true,
          },
        },
      }
      const file = join(dir, 'config.yaml')
      saveConfig(config, file)
      const source = readFileSync(file, 'utf8')
      expect(agreesWithYaml(source)).to.equal('fast')
      expect(loadConfig(file)).to.deep.equal(config)
    } finally {
      rmSync(dir, {recursive: true, force: true})
    }
  })

  it('answers like the yaml package for plain scalars, and declines typed or quoted ones', () => {
    const fast = [
      'a: b',
      'a: 127.0.0.1:9092',
      'a: 4.4.0',
      'a: true\nb: false\nc: 0\nd: 42',
      'a:\n  b:\n    - x\n    - y:z\n  c: d e',
      'a:',
      'a:\nb: c',
      'a: /path/to/file.properties',
      'a: "quoted"',
      'a: "5000"',
      'a: "with: colon, [brackets]"',
      'a: SASL_SSL',
      'a: .hidden',
      'a: x:y',
      'a.b_c/d-e: v',
      '- a\n- b',
    ]
    for (const source of fast) expect(agreesWithYaml(source), source).to.equal('fast')
    const declined = [
      '',
      "a: 'quoted'",
      'a: "esc\\"aped"',
      'a: "esc\\n"',
      'a: 1.5',
      'a: 1e3',
      'a: 0x1f',
      'a: 0o17',
      'a: 007',
      'a: 12345678901234567890',
      'a: -1',
      'a: .inf',
      'a: null',
      'a: ~',
      'a: True',
      'a: yes # comment',
      '# comment\na: b',
      'a: [x, y]',
      'a: {x: y}',
      'a: &anchor x',
      'a: *anchor',
      'a: !tag x',
      'a: |\n  text',
      'a: b\n  continued',
      'a: b\na: c',
      'a:\n- x',
      'a:\n  - x: y',
      'null: x',
      '1: x',
      '---\na: b',
      'a:  two spaces',
      'a: trailing ',
      'a:\tb',
      'a: b\r\n',
      '  a: b',
      'a: -x',
      'a: @x',
      'a: x,y',
      '__proto__: x',
      '"quoted key": x',
    ]
    for (const source of declined) {
      expect(parseSimpleYaml(source), source).to.equal(undefined)
    }
  })

  it('never disagrees with the yaml package on generated documents', () => {
    const words = [
      'a',
      'b-c',
      'x.y',
      '127.0.0.1:9092',
      '4.4',
      '1',
      '01',
      'true',
      'True',
      'null',
      '',
      ' ',
      '- x',
      'a: b',
      '#',
      "'",
      '.5',
      'k:',
    ]
    let seed = 7
    const pick = <T>(xs: T[]): T => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
      return xs[seed % xs.length]
    }
    let fastCount = 0
    for (let n = 0; n < 2000; n++) {
      const lines: string[] = []
      for (let l = 0; l < 4; l++) {
        const indent = pick(['', '', '  ', '    '])
        lines.push(
          pick([`${indent}${pick(words)}: ${pick(words)}`, `${indent}- ${pick(words)}`, `${indent}${pick(words)}:`]),
        )
      }
      const source = lines.join('\n')
      let expected: unknown
      try {
        expected = parse(source)
      } catch {
        expect(parseSimpleYaml(source), source).to.equal(undefined)
        continue
      }
      const fast = parseSimpleYaml(source)
      if (fast !== undefined) {
        fastCount++
        expect(fast, source).to.deep.equal(expected)
      }
    }
    // And on what yaml.stringify writes for random nested values.
    const tree = (depth: number): unknown => {
      const kind = pick(['scalar', 'scalar', 'list', 'map'])
      if (depth > 2 || kind === 'scalar') return pick([...words, 5000, 0, true, false, null])
      if (kind === 'list') return [pick(words), pick(words)]
      return Object.fromEntries([1, 2, 3].map(() => [pick(words) || 'k', tree(depth + 1)]))
    }
    for (let n = 0; n < 1000; n++) {
      const source = stringify({[pick(words) || 'k']: tree(0), z: tree(1)})
      if (agreesWithYaml(source) === 'fast') fastCount++
    }
    expect(fastCount).to.be.greaterThan(100)
  })
})
