import {expect} from 'chai'
import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {kctl, kctlTty} from '../helpers/cli.js'
import {committedGroup, committedOffsets, createTopic, deleteGroups, deleteTopics, produce} from '../helpers/kafka.js'
import {uniqueName} from '../helpers/poll.js'

const env = {KCTL_STATE_DIR: mkdtempSync(join(tmpdir(), 'kctl-wizard-state-'))}
const DOWN = '\u001B[B'
const ENTER = '\r'

/**
 * The offsets-reset wizard as an operator uses it: the real CLI on a pseudo-terminal, real
 * inquirer prompts answered with keystrokes, against the real cluster.
 */
describe('offsets reset wizard on a terminal', function () {
  this.timeout(180_000)
  const topic = uniqueName('wiz-t')
  const groups: string[] = []

  /** A fresh inactive group committed at 8 on both partitions. */
  const freshGroup = () => committedGroup('wiz-g', topic, {0: 8, 1: 8}, groups)

  before(async () => {
    await createTopic(topic, 2)
    await produce(topic, [10, 10])
  })

  after(async () => {
    await deleteGroups(...groups)
    await deleteTopics(topic)
  })

  it('picks group, partitions, strategy and value, shows the plan, applies on yes, prints the command; undo restores', async () => {
    const group = await freshGroup()
    const tty = kctlTty(['offsets', 'reset', '--context', 'local'], {env})
    await tty.waitFor('Consumer group')
    tty.type(group) // the search prompt filters as one types: wait for the whole name's result
    await tty.waitFor(new RegExp(`Consumer group ${group}\\s*\\n❯ ${group} {2}\\(Empty\\)`))
    tty.type(ENTER)
    await tty.waitFor('Topics and partitions to reset')
    await tty.waitFor(`${topic}:1`)
    tty.type(ENTER) // every committed partition is preselected
    await tty.waitFor('Reset strategy')
    tty.type(`${DOWN}${DOWN}${DOWN}${DOWN}`) // earliest, latest, date-time, duration, offset
    await tty.waitFor(/❯ to an offset/)
    tty.type(ENTER)
    await tty.waitFor('Offset')
    tty.type(`3${ENTER}`)
    await tty.waitFor('Apply this reset to group')
    // The plan was shown before the question: current 8, new 3 on both partitions.
    expect(tty.screen).to.match(new RegExp(`${group}\\s+${topic}\\s+0\\s+8\\s+3\\s+2\\s+7`))
    expect(tty.screen).to.match(new RegExp(`${group}\\s+${topic}\\s+1\\s+8\\s+3\\s+2\\s+7`))
    expect(await committedOffsets(group, topic)).to.deep.equal({0: 8, 1: 8}) // nothing applied yet
    tty.type(`y${ENTER}`)
    await tty.waitFor('Equivalent command:')
    expect(await tty.exited, tty.screen).to.equal(0)
    expect(tty.screen).to.include(
      `Equivalent command: kctl offsets reset --group ${group} --topic ${topic} --to-offset 3 --execute`,
    )
    expect(await committedOffsets(group, topic)).to.deep.equal({0: 3, 1: 3})

    // The wizard journals like --execute does: undo brings back 8.
    const undo = await kctl(['offsets', 'undo', '--group', group, '--execute', '--yes', '--context', 'local'], {env})
    expect(undo.code, undo.stderr).to.equal(0)
    expect(await committedOffsets(group, topic)).to.deep.equal({0: 8, 1: 8})
  })

  it('answering no changes nothing and prints the command to run later', async () => {
    const group = await freshGroup()
    const tty = kctlTty(['offsets', 'reset', '--context', 'local', '--group', group], {env})
    await tty.waitFor('Topics and partitions to reset')
    await tty.waitFor(`${topic}:1`)
    tty.type(ENTER)
    await tty.waitFor('Reset strategy')
    tty.type(ENTER) // to earliest
    await tty.waitFor('Apply this reset to group')
    tty.type(`n${ENTER}`)
    expect(await tty.exited, tty.screen).to.equal(0)
    expect(tty.screen).to.include(
      `Not applied. To run it later: kctl offsets reset --group ${group} --topic ${topic} --to-earliest --execute`,
    )
    expect(await committedOffsets(group, topic)).to.deep.equal({0: 8, 1: 8})
  })
})
