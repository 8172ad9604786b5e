import {expect} from 'chai'

import {kctl} from '../helpers/cli.js'
import {
  commitGroupOffsets,
  committedOffsets,
  createTopic,
  deleteGroups,
  deleteTopics,
  produce,
} from '../helpers/kafka.js'
import {uniqueName} from '../helpers/poll.js'

/** A group that does not exist is an error (exit 2, did-you-mean), never a Dead group that passes a gate. */
describe('a group that does not exist', function () {
  this.timeout(180_000)
  const topic = uniqueName('nf')
  const group = uniqueName('nf-orders')
  // One character off: the did-you-mean names the real group.
  const typo = group.slice(0, -1)
  const local = ['--context', 'local']

  before(async () => {
    await createTopic(topic, [[1, 2, 3]])
    await produce(topic, [4], {size: 100})
    await commitGroupOffsets(group, topic, {0: 2})
  })

  after(async () => {
    await deleteGroups(group, typo)
    await deleteTopics([topic])
  })

  it('is GROUP_NOT_FOUND with a did-you-mean in lag, lag check, groups describe and offsets @smoke', async () => {
    const cases = [
      ['lag', typo],
      ['lag', 'check', typo, '--max-lag', '0'],
      ['groups', 'describe', typo],
      ['offsets', 'delete', '--group', typo, '--topic', topic, '--yes'],
      ['offsets', 'reset', '--group', typo, '--topic', topic, '--to-earliest', '--execute', '--yes'],
    ]
    for (const args of cases) {
      const r = await kctl([...args, ...local])
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).to.equal(2)
      expect(
        r.stderr.split('\n').filter((l) => l.startsWith('Error:')),
        args.join(' '),
      ).to.deep.equal([`Error: Group not found: ${typo}`])
      expect(r.stderr, args.join(' ')).to.include(`Hint: Did you mean ${group}?`)
      const json = await kctl([...args, ...local, '--json'])
      expect(json.json().error.code, args.join(' ')).to.equal('GROUP_NOT_FOUND')
    }
    // Nothing was committed under the typo.
    expect(await committedOffsets(typo, topic)).to.deep.equal({0: null})
  })

  it('offsets reset --new-group seeds a group on purpose', async () => {
    const fresh = uniqueName('nf-new')
    try {
      const r = await kctl([
        'offsets',
        'reset',
        '--group',
        fresh,
        '--topic',
        topic,
        '--to-latest',
        '--new-group',
        '--execute',
        '--yes',
        ...local,
      ])
      expect(r.code, r.stderr).to.equal(0)
      expect(await committedOffsets(fresh, topic)).to.deep.equal({0: 4})
    } finally {
      await deleteGroups(fresh)
    }
  })
})
