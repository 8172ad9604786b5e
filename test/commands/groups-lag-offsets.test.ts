import {expect} from 'chai'

import {type GroupDescription, groupsService} from '../../src/admin/groups/groups.js'
import {type GroupLag, lagService} from '../../src/admin/groups/lag.js'
import {offsetsService} from '../../src/admin/groups/offsets.js'
import {shareGroupsService} from '../../src/admin/groups/share-groups.js'
import {topicsService} from '../../src/admin/topics/topics.js'
import GroupsDelete from '../../src/commands/groups/delete.js'
import GroupsDescribe from '../../src/commands/groups/describe.js'
import GroupsList from '../../src/commands/groups/list.js'
import LagCheck from '../../src/commands/lag/check.js'
import Lag from '../../src/commands/lag/index.js'
import OffsetsDelete from '../../src/commands/offsets/delete.js'
import OffsetsGet from '../../src/commands/offsets/get.js'
import {parseJson} from '../helpers/json.js'
import {B, expectUsageExit, recorder, replace, runCmd, servicesReplaced} from './helpers.js'

const listing = {
  group: 'billing',
  state: 'Stable',
  type: 'classic',
  protocolType: 'consumer',
  coordinator: 1,
  members: 2,
}
const description = (group: string, state = 'Empty'): GroupDescription => ({
  group,
  state,
  type: 'classic',
  protocolType: 'consumer',
  assignor: 'range',
  coordinator: 1,
  members: [],
})
const lag = (group: string, total: bigint, timeLagMs: number | null = null): GroupLag => ({
  group,
  state: 'Stable',
  members: 1,
  lag: total,
  timeLagMs,
  topics: [
    {
      topic: 'orders',
      lag: total,
      partitions: [
        {topic: 'orders', partition: 0, committed: 5n, logEnd: 5n + total, lag: total, timeLagMs, owner: 'c1'},
      ],
    },
  ],
})
const layout = {
  leaders: new Map([
    [
      'orders',
      new Map([
        [0, 1],
        [1, 2],
      ]),
    ],
  ]),
}

describe('groups, lag and offsets commands (services replaced)', () => {
  const restores = servicesReplaced()

  it('groups list passes the parsed --state/--type filters and renders table and JSON', async () => {
    const calls = recorder()
    restores.push(replace(groupsService, {listGroups: calls.returning([listing])}))
    const table = await runCmd(GroupsList, ['--state', 'stable', '--type', 'classic', ...B])
    expect(calls.args[0][1]).to.deep.equal({states: ['Stable'], types: ['classic']})
    expect(table.stdout).to.match(/^GROUP\s+STATE\s+TYPE\s+PROTOCOL\s+MEMBERS$/m)
    expect(table.stdout).to.match(/^billing\s+Stable\s+classic\s+consumer\s+2$/m)
    const json = await runCmd(GroupsList, ['--json', ...B])
    expect(parseJson(json.stdout)).to.deep.equal({groups: [listing]})
    await expectUsageExit(GroupsList, ['--state', 'sleepy', ...B], calls)
  })

  it('groups describe shows the committed offsets and lag of the described group', async () => {
    const calls = recorder()
    restores.push(
      replace(lagService, {
        describeWithLag: calls.returning([{description: description('billing', 'Stable'), lag: lag('billing', 7n)}]),
      }),
    )
    const table = await runCmd(GroupsDescribe, ['billing', ...B])
    expect(calls.args[0][1]).to.include({timeLag: false})
    expect((calls.args[0][1] as {groups: string[]}).groups).to.deep.equal(['billing'])
    expect(table.stdout).to.match(/orders\s+0\s+5\s+12\s+7/)
    const json = parseJson(await runCmd(GroupsDescribe, ['billing', '--json', ...B]).then((r) => r.stdout))
    expect(json.groups[0]).to.include({group: 'billing', state: 'Stable', assignor: 'range', lag: 7})
    expect(json.groups[0].offsets).to.deep.equal([
      {topic: 'orders', partition: 0, committed: 5, logEnd: 12, lag: 7, owner: 'c1'},
    ])
    await expectUsageExit(GroupsDescribe, B, calls)
    await expectUsageExit(GroupsDescribe, ['billing', '--all-groups', ...B], calls)
  })

  it('groups delete: --dry-run deletes nothing, no --yes off a terminal is refused, --yes deletes', async () => {
    const deletes = recorder()
    restores.push(
      replace(groupsService, {
        findCoordinators: async (_c, ids) => new Map(ids.map((g) => [g, 1])),
        describeGroups: async (_c, ids) => ids.map((g) => description(g)),
        deleteGroups: deletes.returning([{group: 'old', deleted: true, error: null}]),
      }),
    )
    const dry = await runCmd(GroupsDelete, ['old', '--dry-run', ...B])
    expect(dry.stdout).to.match(/^old\s+would delete$/m)
    const refused = await runCmd(GroupsDelete, ['old', ...B])
    expect(refused.exitCode).to.equal(2)
    expect(refused.stderr).to.match(/^Error: Refusing to make this change without confirmation\nHint: /m)
    expect(deletes.args).to.have.length(0)
    const done = await runCmd(GroupsDelete, ['old', '--yes', '--json', ...B])
    expect(deletes.args[0][1]).to.deep.equal(['old'])
    expect(parseJson(done.stdout)).to.deep.equal({
      dryRun: false,
      groups: [{group: 'old', deleted: true, error: null}],
      internalTopics: [],
    })
    await expectUsageExit(GroupsDelete, B, deletes)
  })

  it("groups delete keeps a streams group's internal topics unless --delete-all-internal-topics, naming them", async () => {
    const topicDeletes = recorder()
    const streams: GroupDescription = {
      ...description('app'),
      type: 'streams',
      protocolType: 'streams',
      topology: [
        {
          subtopology: '0',
          sourceTopics: ['orders'],
          repartitionSinkTopics: ['app-rep-repartition'],
          repartitionSourceTopics: [],
          changelogTopics: ['app-store-changelog', 'app-gone-changelog'],
        },
        {
          subtopology: '1',
          sourceTopics: [],
          repartitionSinkTopics: [],
          repartitionSourceTopics: ['app-rep-repartition'],
          changelogTopics: [],
        },
      ],
    }
    restores.push(
      replace(groupsService, {
        findCoordinators: async (_c, ids) => new Map(ids.map((g) => [g, 1])),
        describeGroups: async () => [streams],
        deleteGroups: async () => [{group: 'app', deleted: true, error: null}],
      }),
      replace(offsetsService, {
        topicLayout: async () => ({
          leaders: new Map([
            ['app-rep-repartition', new Map([[0, 1]])],
            ['app-store-changelog', new Map([[0, 1]])],
          ]),
        }),
      }),
      replace(topicsService, {
        deleteTopics: topicDeletes.returning([
          {name: 'app-rep-repartition', status: 'deleted', error: null},
          {name: 'app-store-changelog', status: 'deleted', error: null},
        ]),
      }),
    )
    const kept = await runCmd(GroupsDelete, ['app', '--yes', ...B])
    expect(kept.stdout).to.match(
      /^Internal topics of streams group app were kept: app-rep-repartition, app-store-changelog \(add --delete-all-internal-topics/m,
    )
    expect(topicDeletes.args[0]?.[1] ?? []).to.deep.equal([])
    const dry = parseJson(
      (await runCmd(GroupsDelete, ['app', '--delete-all-internal-topics', '--dry-run', '--json', ...B])).stdout,
    )
    expect(dry.internalTopics.map((t: {topic: string; action: string}) => [t.topic, t.action])).to.deep.equal([
      ['app-rep-repartition', 'delete'],
      ['app-store-changelog', 'delete'],
    ])
    const done = parseJson(
      (await runCmd(GroupsDelete, ['app', '--delete-all-internal-topics', '--yes', '--json', ...B])).stdout,
    )
    expect(topicDeletes.args.at(-1)?.[1]).to.deep.equal(['app-rep-repartition', 'app-store-changelog'])
    expect(done.internalTopics.every((t: {deleted: boolean}) => t.deleted)).to.equal(true)
  })

  it('groups delete refuses a group with members and one that does not exist, deleting nothing', async () => {
    const deletes = recorder()
    restores.push(
      replace(groupsService, {
        findCoordinators: async (_c, ids) => new Map(ids.map((g) => [g, 1])),
        describeGroups: async (_c, ids) => ids.map((g) => description(g, g === 'ghost' ? 'Dead' : 'Stable')),
        deleteGroups: deletes.returning([]),
      }),
    )
    const active = await runCmd(GroupsDelete, ['live', '--yes', ...B])
    expect(active.exitCode).not.to.equal(0)
    expect(active.stderr).to.match(/^Error: .*live/m)
    const ghost = await runCmd(GroupsDelete, ['ghost', '--yes', ...B])
    expect(ghost.exitCode).to.equal(2)
    expect(ghost.stderr).to.match(/^Error: No such group: ghost/m)
    expect(deletes.args).to.have.length(0)
  })

  it('lag sorts groups by lag and renders totals; --verbose lists partitions', async () => {
    const calls = recorder()
    restores.push(replace(lagService, {groupLag: calls.returning([lag('a', 1n), lag('b', 9n)])}))
    const table = await runCmd(Lag, ['a', 'b', ...B])
    expect(calls.args[0][1]).to.include({topic: undefined})
    expect((calls.args[0][1] as {groups: string[]}).groups).to.deep.equal(['a', 'b'])
    const rows = table.stdout.split('\n').filter((l) => /^[ab]\s/.test(l))
    expect(rows.map((r) => r[0])).to.deep.equal(['b', 'a'])
    const verbose = await runCmd(Lag, ['a', '--verbose', ...B])
    expect(verbose.stdout).to.match(/orders\s+0\s+5\s+6\s+1/)
    const json = parseJson((await runCmd(Lag, ['a', 'b', '--json', ...B])).stdout)
    expect(json.groups.map((g: {group: string; lag: number}) => [g.group, g.lag])).to.deep.equal([
      ['b', 9],
      ['a', 1],
    ])
    await expectUsageExit(Lag, ['a', '--watch', '1ms', ...B], calls)
  })

  it('lag check exits 0 under the threshold and 3 over it, naming the offender', async () => {
    const calls = recorder()
    restores.push(replace(lagService, {groupLag: calls.returning([lag('a', 1n), lag('b', 9n)])}))
    const over = await runCmd(LagCheck, ['a', 'b', '--max-lag', '5', '--json', ...B])
    expect(over.exitCode).to.equal(3)
    expect(parseJson(over.stdout)).to.deep.include({
      ok: false,
      maxLag: 5,
      checked: 2,
      offenders: [{group: 'b', lag: 9, timeLagMs: null, exceeded: ['max-lag']}],
    })
    const under = await runCmd(LagCheck, ['a', 'b', '--max-lag', '10', ...B])
    expect(under.exitCode).to.equal(0)
    await expectUsageExit(LagCheck, ['a', ...B], calls, /threshold/)
    await expectUsageExit(LagCheck, ['a', '--max-lag', 'lots', ...B], calls)
  })

  it('offsets get asks the service for every partition of the topic at the given time', async () => {
    const calls = recorder()
    restores.push(
      replace(offsetsService, {
        topicLayout: async () => layout,
        listOffsets: calls.returning(
          new Map([
            ['orders:0', {topic: 'orders', partition: 0, offset: 10n, timestamp: null}],
            ['orders:1', {topic: 'orders', partition: 1, offset: 2n ** 62n, timestamp: null}],
          ]),
        ),
      }),
    )
    const json = parseJson((await runCmd(OffsetsGet, ['orders', '--time', 'latest', '--json', ...B])).stdout)
    expect(calls.args[0][3]).to.equal('latest')
    expect(calls.args[0][2]).to.deep.equal([
      {topic: 'orders', partition: 0},
      {topic: 'orders', partition: 1},
    ])
    expect(json).to.deep.equal({
      time: 'latest',
      offsets: [
        {topic: 'orders', partition: 0, offset: 10, timestamp: null},
        {topic: 'orders', partition: 1, offset: 2n ** 62n, timestamp: null},
      ],
    })
    const table = await runCmd(OffsetsGet, ['orders:1', ...B])
    expect(table.stdout).to.match(/orders\s+1\s+4611686018427387904/)
    await expectUsageExit(OffsetsGet, ['orders', '--time', 'yesterday-ish', ...B], calls)
  })

  it('offsets delete: --dry-run and refusal delete nothing; --yes deletes the named partitions', async () => {
    const deletes = recorder()
    restores.push(
      replace(offsetsService, {topicLayout: async () => layout, assertGroupsExist: async () => {}}),
      replace(groupsService, {
        describeGroups: async (_c, ids) => ids.map((g) => description(g)),
        deleteGroupOffsets: deletes.returning([
          {group: 'g', topic: 'orders', partition: 1, deleted: true, error: null},
        ]),
      }),
    )
    const dry = await runCmd(OffsetsDelete, ['--group', 'g', '--topic', 'orders:1', '--dry-run', ...B])
    expect(dry.stdout).to.match(/^g\s+orders\s+1\s+would delete$/m)
    const refused = await runCmd(OffsetsDelete, ['--group', 'g', '--topic', 'orders:1', ...B])
    expect(refused.exitCode).to.equal(2)
    expect(deletes.args).to.have.length(0)
    const done = await runCmd(OffsetsDelete, ['--group', 'g', '--topic', 'orders:1', '--yes', '--json', ...B])
    expect(deletes.args[0].slice(1)).to.deep.equal(['g', [{topic: 'orders', partitions: [1]}]])
    expect(parseJson(done.stdout)).to.deep.equal({
      group: 'g',
      dryRun: false,
      offsets: [{group: 'g', topic: 'orders', partition: 1, deleted: true, error: null}],
    })
    await expectUsageExit(OffsetsDelete, ['--group', 'g', '--topic', 'orders:x', ...B], deletes)
  })

  it('offsets delete on a share group: whole topics through DeleteShareGroupOffsets, single partitions refused', async () => {
    const deletes = recorder()
    restores.push(
      replace(offsetsService, {topicLayout: async () => layout, assertGroupsExist: async () => {}}),
      replace(groupsService, {
        describeGroups: async (_c, ids) =>
          ids.map((g) => ({...description(g), type: 'share' as const, protocolType: 'share', coordinator: 2})),
      }),
      replace(shareGroupsService, {
        deleteShareGroupOffsets: deletes.returning([{topic: 'orders', deleted: true, error: null}]),
      }),
    )
    const partial = await runCmd(OffsetsDelete, ['--group', 's', '--topic', 'orders:1', '--yes', ...B])
    expect(partial.exitCode).to.equal(2)
    expect(partial.stderr).to.match(/^Error: Share group s keeps its offsets per topic: .*\(orders:1\)$/m)
    expect(partial.stderr).to.match(/^Hint: Delete the whole topic's offsets with --topic orders/m)
    expect(deletes.args).to.have.length(0)
    const done = parseJson(
      (await runCmd(OffsetsDelete, ['--group', 's', '--topic', 'orders', '--yes', '--json', ...B])).stdout,
    )
    expect(deletes.args[0].slice(1)).to.deep.equal(['s', 2, ['orders']])
    expect(done.offsets).to.deep.equal([
      {group: 's', topic: 'orders', partition: 0, deleted: true, error: null},
      {group: 's', topic: 'orders', partition: 1, deleted: true, error: null},
    ])
  })
})
