import {Config} from '@oclif/core'
import {captureOutput} from '@oclif/test'
import {expect} from 'chai'

import ElectLeaders from '../../src/commands/partitions/elect-leaders.js'
import TopicsCreate from '../../src/commands/topics/create.js'
import TopicsList from '../../src/commands/topics/list.js'
import hook, {suggestCommand, wantsJson} from '../../src/hooks/command-not-found.js'
import {ROOT} from '../helpers/cli.js'
import {runCmd, withoutBroker} from './helpers.js'

describe('usage errors: parse errors and unknown commands are exit 2 with a reason and a hint', () => {
  let restore: () => void
  beforeEach(() => {
    restore = withoutBroker()
  })
  afterEach(() => {
    restore()
    process.exitCode = undefined
  })

  it('a missing argument is named', async () => {
    const {stderr, exitCode} = await runCmd(TopicsCreate, ['-b', 'x:9092'])
    // (run as a class here, oclif names the command after the class: "topicscreate")
    expect(stderr).to.match(/^Error: Missing required argument: NAMES\nHint: See `kctl topics ?create --help`\.\n$/)
    expect(exitCode).to.equal(2)
  })

  it('an unknown flag suggests the nearest one, as JSON under --json', async () => {
    const {stdout, exitCode} = await runCmd(TopicsList, ['-b', 'x:9092', '--mtch', 'x', '--json'])
    const {error} = JSON.parse(stdout)
    expect(error).to.include({code: 'INVALID_ARGUMENTS', exitCode: 2, message: 'Nonexistent flag: --mtch'})
    expect(error.hint).to.match(/^Did you mean --match\? See `kctl topics ?list --help`\.$/)
    expect(exitCode).to.equal(2)
  })

  it('flag constraints give the reason, never a bare "The following error occurred:"', async () => {
    const {stderr, exitCode} = await runCmd(ElectLeaders, ['-b', 'x:9092', '--preferred', '--unclean', '--all-topics'])
    expect(stderr).not.to.match(/following errors? occurred/)
    expect(stderr).to.match(/^Error: --preferred=true cannot also be provided when using --unclean/m)
    expect(stderr).not.to.match(/\u001B\[/)
    expect(exitCode).to.equal(2)
  })

  describe('unknown command or topic (command_not_found hook)', () => {
    let config: Config
    before(async () => {
      config = await Config.load(ROOT)
    })
    const run = async (id: string, argv: string[] = []) => {
      process.exitCode = undefined
      const out = await captureOutput(async () =>
        hook.call({config} as never, {id, argv, config, context: {} as never}),
      )
      return {...out, exitCode: process.exitCode}
    }

    it('kctl topic list: exit 2, did you mean kctl topics list', async () => {
      const {stderr, exitCode} = await run('topic:list')
      expect(stderr).to.equal(
        'Error: Unknown command: kctl topic list\nHint: Did you mean `kctl topics list`? Run `kctl --help` for the commands.\n',
      )
      expect(exitCode).to.equal(2)
    })

    it('under --json the JSON error shape on stdout', async () => {
      const {stdout, exitCode} = await run('topics:lst', ['--json'])
      expect(JSON.parse(stdout).error).to.deep.equal({
        code: 'UNKNOWN_COMMAND',
        exitCode: 2,
        message: 'Unknown command: kctl topics lst',
        hint: 'Did you mean `kctl topics list`? Run `kctl topics --help` for the commands.',
      })
      expect(exitCode).to.equal(2)
    })

    it('an extra word after a command without arguments is an unexpected argument', async () => {
      const {stderr, exitCode} = await run('topics:list:extra')
      expect(stderr).to.equal('Error: Unexpected argument: extra\nHint: See `kctl topics list --help`.\n')
      expect(exitCode).to.equal(2)
    })

    it('suggests topics and commands; nothing for a far-off word', () => {
      const ids = ['topics:list', 'topics:describe', 'context:show', 'groups:list']
      expect(suggestCommand(['topc'], ids)).to.equal('topics')
      expect(suggestCommand(['contxt', 'show'], ids)).to.equal('context show')
      expect(suggestCommand(['zzzzzz'], ids)).to.equal(undefined)
      expect(wantsJson(['-o', 'json'])).to.equal(true)
      expect(wantsJson(['--output=json'])).to.equal(true)
      expect(wantsJson(['-o', 'yaml'])).to.equal(false)
    })
  })
})
