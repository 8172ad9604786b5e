import {expect} from 'chai'
import {readdirSync} from 'node:fs'
import {join} from 'node:path'

import {ROOT, kctl} from '../helpers/cli.js'
import {commitGroupOffsets, createTopic, deleteGroups, deleteTopics, produce} from '../helpers/kafka.js'
import {uniqueName} from '../helpers/poll.js'

/**
 * The start-up fast path (bin/run.js, src/fast/) must answer exactly as oclif does: the same
 * stdout, stderr and exit code for the same command line, in every format and for bad input; and
 * the pre-rendered --help texts must be oclif's.
 */
const oclif = {KCTL_NO_FAST: '1'}

async function both(args: string[]) {
  const fast = await kctl(args)
  const slow = await kctl(args, {env: oclif})
  return {fast, slow}
}

describe('start-up fast path answers as oclif does', function () {
  this.timeout(300_000)
  const topic = uniqueName('fast-t')
  const group = uniqueName('fast-g')

  before(async () => {
    await createTopic(topic, 3)
    await produce(topic, [3, 2, 1])
    // Caught up: lag 0 everywhere, so nothing in the answer depends on the clock.
    await commitGroupOffsets(group, topic, {0: 3, 1: 2, 2: 1})
  })

  after(async () => {
    await deleteGroups(group)
    await deleteTopics(topic)
  })

  const lines = (t: string) => [
    ['topics', 'list', '--match', `^${t}$`],
    ['topics', 'describe', t],
    ['cluster', 'describe'],
    ['brokers', 'list'],
  ]

  it('the same output in every format for the read commands @smoke', async () => {
    const cases = [
      ...lines(topic),
      ['groups', 'describe', group],
      ['lag', group],
      ['lag', 'check', group, '--max-lag', '0'],
    ]
    for (const args of cases) {
      // Every format for two of them; the others in the two that differ most (table and JSON).
      const formats =
        ['topics', 'lag'].includes(args[0]) && args[1] !== 'check'
          ? ['table', 'wide', 'json', 'yaml', 'csv']
          : ['table', 'json']
      for (const format of formats) {
        const line = [...args, '-o', format, '--context', 'local']
        const {fast, slow} = await both(line)
        expect(fast.code, `${line.join(' ')}: ${fast.stderr}`).to.equal(0)
        expect({code: fast.code, stdout: fast.stdout, stderr: fast.stderr}, line.join(' ')).to.deep.equal({
          code: slow.code,
          stdout: slow.stdout,
          stderr: slow.stderr,
        })
      }
    }
  })

  it('the same error, hint and exit code for bad input and a missing topic, as text and as JSON', async () => {
    const cases = [
      ['topics', 'list', '--output', 'nope'],
      ['topics', 'list', '--bogus'],
      ['topics', 'list', '--json', '--bogus'],
      ['topics', 'describe', '--partitions', 'x'],
      ['lag'],
      ['groups', 'list', '--state', 'bogus'],
      ['brokers', 'list', 'extra'],
      ['topics', 'describe', uniqueName('fast-missing')],
      ['topics', 'describe', uniqueName('fast-missing'), '--json'],
      ['lag', 'check', group, '--max-lag', 'many'],
      ['groups', 'describe', group, '--timeout', '0s'],
      ['cluster', 'describe', '--bootstrap-server', 'not a host'],
    ]
    for (const args of cases) {
      const line = [...args, '--context', 'local']
      const {fast, slow} = await both(line)
      expect(fast.code, `${line.join(' ')}: ${fast.stderr}`).to.not.equal(0)
      expect({code: fast.code, stdout: fast.stdout, stderr: fast.stderr}, line.join(' ')).to.deep.equal({
        code: slow.code,
        stdout: slow.stdout,
        stderr: slow.stderr,
      })
    }
  })

  it('serves pre-rendered --help texts exactly as oclif prints them to a pipe', async () => {
    const files = readdirSync(join(ROOT, 'dist', 'help')).map((f) => f.replace(/\.txt$/, ''))
    // Every command and topic oclif knows has its text (the root, the topics, 80+ commands).
    expect(files.length).to.be.greaterThan(90)
    expect(files).to.include.members(['index', 'topics', 'topics_list', 'cluster_quorum', 'lag_check'])
    // The root, every topic listing (oclif's own state once dropped their commands), the fast
    // path's commands and a few others: each oclif run costs a few hundred milliseconds.
    const fastCommands = ['topics_list', 'topics_describe', 'cluster_describe', 'groups_describe', 'groups_list']
    const subjects = files
      .filter(
        (f, i) => f === 'index' || !f.includes('_') || fastCommands.includes(f) || f.startsWith('lag') || i % 15 === 0,
      )
      .map((f) => (f === 'index' ? [] : f.split('_')))
    for (let i = 0; i < subjects.length; i += 2) {
      await Promise.all(
        subjects.slice(i, i + 2).map(async (subject) => {
          const {fast, slow} = await both([...subject, '--help'])
          expect(slow.code, subject.join(' ')).to.equal(0)
          expect(fast.stdout, `kctl ${subject.join(' ')} --help`).to.equal(slow.stdout)
        }),
      )
    }
  })
})
