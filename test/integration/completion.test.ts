import {expect} from 'chai'
import {mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {cliEnv, kctl} from '../helpers/cli.js'
import {testCluster} from '../helpers/cluster.js'
import {commitGroupOffsets, createTopic, deleteGroups, deleteTopics} from '../helpers/kafka.js'
import {uniqueName, waitFor} from '../helpers/poll.js'
import {type TestShell, bashReadline, shellComplete} from '../helpers/shell-completion.js'

const SHELLS: TestShell[] = ['bash', 'zsh', 'fish']

/**
 * Each shell's own completion machinery runs kctl's script against the test cluster: bash's
 * function as bash calls it on TAB, zsh's completion system on a pseudo-terminal (zpty), fish's
 * `complete -C`. PowerShell has no Debian package: its script is checked by unit tests.
 */
describe('shell completion (bash, zsh, fish) with live names', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kctl-completion-'))
  const cache = join(dir, 'cache')
  const topic = uniqueName('complete-topic')
  const group = uniqueName('complete-group')
  const scripts = {} as Record<TestShell, string>
  const env = () => ({...process.env, ...cliEnv, XDG_CACHE_HOME: cache})
  const complete = (shell: TestShell, line: string, extra: NodeJS.ProcessEnv = {}) =>
    shellComplete(shell, scripts[shell], line, {dir, env: {...env(), ...extra}})

  before(async () => {
    await createTopic(topic, 3, {replicationFactor: 1})
    await commitGroupOffsets(group, topic, {0: 0})
    for (const shell of SHELLS) {
      // `kctl completion` is the same command as `kctl autocomplete`.
      const r = await kctl([shell === 'bash' ? 'completion' : 'autocomplete', shell], {env: {XDG_CACHE_HOME: cache}})
      expect(r.code, r.stderr).to.equal(0)
      scripts[shell] = r.stdout
    }
  })

  after(async () => {
    await deleteGroups(group)
    await deleteTopics(topic)
    rmSync(dir, {recursive: true, force: true})
  })

  it('completes commands, subcommands, flags, flag values and contexts in every shell', async () => {
    for (const shell of SHELLS) {
      const say = (line: string) => `${shell}: kctl ${line}<TAB>`
      const offered = async (line: string) => (await complete(shell, `kctl ${line}`)).candidates
      expect(await offered('top'), say('top')).to.deep.equal(['topics'])
      expect(await offered('topics '), say('topics ')).to.include.members(['create', 'delete', 'describe', 'list'])
      expect(await offered('lag --wat'), say('lag --wat')).to.deep.equal(['--watch'])
      expect(await offered('lag --output '), say('lag --output ')).to.include.members(['json', 'yaml', 'csv'])
      expect((await offered('context use local-s')).sort(), say('context use local-s')).to.deep.equal([
        'local-sasl',
        'local-ssl',
      ])
      expect(await offered('autocomplete '), say('autocomplete ')).to.have.members([
        'bash',
        'zsh',
        'fish',
        'powershell',
      ])
    }
    // bash splits words at `=` and `:`: it gets the part after them; zsh and fish the whole word.
    expect((await complete('bash', 'kctl lag --output=j')).candidates).to.deep.equal(['json'])
    expect((await complete('zsh', 'kctl lag --output=j')).candidates).to.deep.equal(['--output=json'])
  })

  it('offers live topics, groups, brokers, users, partitions and config keys from the cluster, in every shell @smoke', async () => {
    // The first TAB may answer nothing (no cache yet, within a second); the background refresh fills it.
    const first = await complete('bash', `kctl topics describe ${topic.slice(0, 14)}`)
    expect(first.ms).to.be.lessThan(3000)
    await waitFor(
      async () => (await complete('bash', `kctl topics describe ${topic.slice(0, 14)}`)).candidates.includes(topic),
      {what: 'the topic in the completion cache'},
    )
    for (const shell of SHELLS) {
      const say = (line: string) => `${shell}: kctl ${line}<TAB>`
      const offered = async (line: string) => (await complete(shell, `kctl ${line}`)).candidates
      expect(await offered(`topics describe ${topic.slice(0, 14)}`), say('topics describe')).to.deep.equal([topic])
      expect(await offered(`lag ${group.slice(0, 14)}`), say('lag')).to.deep.equal([group])
      expect(await offered(`offsets reset --group ${group.slice(0, 14)}`), say('--group')).to.deep.equal([group])
      expect((await offered('brokers describe ')).sort(), say('brokers describe')).to.deep.equal(['1', '2', '3'])
      expect(await offered('users describe '), say('users describe')).to.include.members(['alice', 'bob'])
      // Partitions of the topic on the line, and TOPIC:PARTITION values.
      expect((await offered(`consume ${topic} --partition `)).sort(), say('consume --partition')).to.deep.equal([
        '0',
        '1',
        '2',
      ])
      expect((await offered(`offsets get ${topic} --partitions 0,`)).sort(), say('--partitions 0,')).to.deep.equal([
        '0,1',
        '0,2',
      ])
      const tp = (await offered(`records get ${topic}:`)).sort()
      // bash replaces the part after the `:`.
      expect(tp, say('records get TOPIC:')).to.deep.equal(
        shell === 'bash' ? ['0@', '1@', '2@'] : [`${topic}:0@`, `${topic}:1@`, `${topic}:2@`],
      )
      expect(await offered(`txn abort ${topic.slice(0, 14)}`), say('txn abort')).to.deep.equal([`${topic}:`])
      // Config keys per entity type (Kafka's own key lists), and entity names per type.
      expect((await offered(`configs set topic ${topic} retention.`)).sort(), say('configs set topic')).to.deep.equal([
        'retention.bytes=',
        'retention.ms=',
      ])
      expect(await offered(`configs delete topic ${topic} min.insync`), say('configs delete')).to.deep.equal([
        'min.insync.replicas',
      ])
      expect(await offered('configs set broker 1 log.cleaner.thr'), say('configs set broker')).to.deep.equal([
        'log.cleaner.threads=',
      ])
      expect((await offered('configs describe broker ')).sort(), say('configs describe broker')).to.deep.equal([
        '1',
        '2',
        '3',
      ])
      expect(
        await offered(`configs describe group ${group.slice(0, 14)}`),
        say('configs describe group'),
      ).to.deep.equal([group])
    }
  })

  it("bash's readline: no space after `topic:` and `@`, a space after a whole word; file names only for paths (bash, fish)", async () => {
    // Runs after the live-names test: the cache has the topic and the group.
    const cwd = join(dir, 'cwd')
    mkdirSync(cwd, {recursive: true})
    const file = uniqueName('no-group-file')
    writeFileSync(join(cwd, file), '')
    const line = (keys: string) => bashReadline(scripts.bash, keys, {dir: cwd, env: env()})
    expect(await line(`kctl records get ${topic.slice(0, 14)}\t`)).to.equal(`kctl records get ${topic}:`)
    expect(await line(`kctl records get ${topic}:1\t`)).to.equal(`kctl records get ${topic}:1@`)
    expect(await line('kctl lag --output=j\t')).to.equal('kctl lag --output=json ')
    expect(await line(`kctl configs set topic ${topic} min.insync\t`)).to.equal(
      `kctl configs set topic ${topic} min.insync.replicas=`,
    )
    // Where a group name goes, no file names (no group starts like the file); a path gets them.
    expect(await line(`kctl lag ${group.slice(0, 14)}\t`)).to.equal(`kctl lag ${group} `)
    expect(await line(`kctl lag ${file.slice(0, 10)}\t`)).to.equal(`kctl lag ${file.slice(0, 10)}`)
    expect(await line(`kctl context import ${file.slice(0, 10)}\t`)).to.equal(`kctl context import ${file} `)
    // fish offers no files (complete -f) except where a path goes.
    const fish = async (l: string) => (await shellComplete('fish', scripts.fish, l, {dir: cwd, env: env()})).candidates
    expect(await fish(`kctl context import ${file.slice(0, 10)}`)).to.deep.equal([file])
    expect(await fish(`kctl lag --command-config ${file.slice(0, 10)}`)).to.deep.equal([file])
    expect(await fish(`kctl lag ${file.slice(0, 10)}`)).to.deep.equal([])
  })

  it('answers from the cache when every broker is unreachable, and nothing without a cache, within about a second', async () => {
    // `--refresh-cache` refreshes the names now, in the foreground.
    const refreshed = await kctl(['autocomplete', '--refresh-cache'], {env: {XDG_CACHE_HOME: cache}})
    expect(refreshed.code, refreshed.stderr).to.equal(0)
    expect(refreshed.stdout).to.match(/^Cached for context:local: \d+ topics, \d+ groups, 3 brokers, \d+ users/m)
    // The same context name, now pointing at a port nothing listens on; the cache made stale so a
    // refresh is attempted (in the background) while the cached names are answered.
    const config = join(dir, 'down.yaml')
    const text = readFileSync(testCluster().configFile, 'utf8').replaceAll(/127\.0\.0\.1:\d+/g, '127.0.0.1:1')
    writeFileSync(config, text)
    const completionDir = join(cache, 'kctl', 'completion')
    for (const f of readdirSync(completionDir).filter((n) => /^names-.*\.json$/.test(n))) {
      const file = join(completionDir, f)
      writeFileSync(file, JSON.stringify({...JSON.parse(readFileSync(file, 'utf8')), updatedAt: 0}))
    }
    for (const shell of SHELLS) {
      const r = await complete(shell, `kctl topics describe ${topic.slice(0, 14)}`, {KCTL_CONFIG: config})
      expect(r.candidates, `${shell}: cached names with the cluster down`).to.deep.equal([topic])
      // The helper gives up 0.9 s after its start; the bound leaves room for a loaded machine.
      expect(r.ms, `${shell}: cached answer with the cluster down`).to.be.lessThan(3000)
    }
    const none = await complete('bash', 'kctl topics describe --bootstrap-server 127.0.0.1:1 ')
    expect(none.candidates).to.deep.equal([])
    expect(none.ms, 'no cache, cluster down').to.be.lessThan(3000)
  })
})
