import {expect} from 'chai'

import {clusterService} from '../../src/admin/cluster/cluster.js'
import {topicsService} from '../../src/admin/topics/topics.js'
import ClusterDescribe from '../../src/commands/cluster/describe.js'
import TopicsList from '../../src/commands/topics/list.js'
import {replace, runCmd, withoutBroker} from './helpers.js'

const description = {
  clusterId: 'abc',
  controllerId: 2,
  controllerSource: 'quorum' as const,
  brokers: [
    {id: 1, host: 'h1', port: 9092, rack: null, isController: false, fenced: false},
    {id: 2, host: 'h2', port: 9092, rack: 'r2', isController: true, fenced: false},
  ],
}

describe('commands (service replaced)', () => {
  const restores: (() => void)[] = []
  beforeEach(() => {
    restores.push(withoutBroker())
    process.exitCode = undefined
  })
  afterEach(() => {
    while (restores.length > 0) restores.pop()!()
    process.exitCode = undefined
  })

  it('cluster describe --json prints the service result unchanged', async () => {
    restores.push(replace(clusterService, {describeCluster: async () => description}))
    const {stdout, result} = await runCmd(ClusterDescribe, ['--json', '-b', 'x:9092'])
    expect(JSON.parse(stdout)).to.deep.equal(description)
    expect(result).to.deep.equal(description)
  })

  it('-o json is the same as --json; -o yaml and csv render the same data', async () => {
    restores.push(replace(clusterService, {describeCluster: async () => description}))
    expect(JSON.parse((await runCmd(ClusterDescribe, ['-o', 'json', '-b', 'x:9092'])).stdout)).to.deep.equal(
      description,
    )
    expect((await runCmd(ClusterDescribe, ['-o', 'yaml', '-b', 'x:9092'])).stdout).to.include('clusterId: abc')
    expect((await runCmd(ClusterDescribe, ['-o', 'csv', '-b', 'x:9092'])).stdout.split('\n')[0]).to.equal(
      'id,host,port,rack,controller,fenced',
    )
  })

  it('cluster describe table marks the controller and has no ANSI codes when piped', async () => {
    restores.push(replace(clusterService, {describeCluster: async () => description}))
    const {stdout} = await runCmd(ClusterDescribe, ['-b', 'x:9092'])
    expect(stdout).to.match(/Controller: 2/)
    expect(stdout).to.match(/^ 2 {2}h2 .* \*$/m)
    expect(stdout).not.to.match(/\u001B\[/)
  })

  it('topics list sorts and renders; --json pins the shape', async () => {
    restores.push(
      replace(topicsService, {
        listTopics: async () => [
          {name: 'a', partitions: 3, replicationFactor: 2, internal: false},
          {name: '__consumer_offsets', partitions: 50, replicationFactor: 3, internal: true},
        ],
      }),
    )
    const {stdout} = await runCmd(TopicsList, ['--json', '-b', 'x:9092'])
    const out = JSON.parse(stdout)
    expect(Object.keys(out)).to.deep.equal(['topics'])
    expect(Object.keys(out.topics[0])).to.deep.equal(['name', 'partitions', 'replicationFactor', 'internal'])
  })

  it('a bad flag value is a usage error (exit 2) with a hint, as JSON under --json', async () => {
    const {stdout, exitCode} = await runCmd(TopicsList, ['--json', '-b', 'x:9092', '-o', 'xml'])
    const err = JSON.parse(stdout).error
    expect(err.code).to.equal('INVALID_ARGUMENTS')
    expect(err.exitCode).to.equal(2)
    expect(exitCode).to.equal(2)
  })

  it('a malformed bootstrap server is exit 2 before any connection', async () => {
    const {stderr, exitCode} = await runCmd(TopicsList, ['-b', 'nohostport'])
    expect(stderr).to.match(/^Error: Invalid bootstrap server "nohostport"/m)
    expect(stderr).to.match(/^Hint: /m)
    expect(exitCode).to.equal(2)
  })

  it('an invalid --timeout is exit 2', async () => {
    const {stderr, exitCode} = await runCmd(TopicsList, ['-b', 'x:9092', '--timeout', 'soon'])
    expect(stderr).to.match(/Invalid --timeout "soon"/)
    expect(exitCode).to.equal(2)
  })
})
