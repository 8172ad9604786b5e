import {expect} from 'chai'

import {describeShape, shapeConflicts} from '../../../src/local/cluster.js'
import {nodePorts} from '../../../src/local/server-config.js'

const cluster = (brokers: number, secure: boolean) => ({
  version: '4.4.0',
  secure,
  portBase: 19_092,
  nodes: Array.from({length: brokers}, (_, i) => ({
    id: i + 1,
    dir: `/c/node-${i + 1}`,
    ports: nodePorts(19_092, i),
    pid: null,
  })),
})

describe('local cluster shape', () => {
  it('describes how a cluster was created', () => {
    expect(describeShape(cluster(3, true))).to.equal('3 brokers, secure, ports from 19092, Kafka 4.4.0')
    expect(describeShape(cluster(1, false))).to.equal('1 broker, not secure, ports from 19092, Kafka 4.4.0')
  })

  it('no shape flags, or flags that agree, restart the cluster as it was created', () => {
    expect(shapeConflicts(cluster(3, true), {})).to.deep.equal([])
    expect(
      shapeConflicts(cluster(3, true), {brokers: 3, secure: true, portBase: 19_092, version: '4.4.0'}),
    ).to.deep.equal([])
    expect(shapeConflicts(cluster(1, false), {secure: false})).to.deep.equal([])
  })

  it('names each flag that contradicts the cluster', () => {
    expect(shapeConflicts(cluster(3, true), {brokers: 1})).to.deep.equal(['--brokers 1'])
    expect(shapeConflicts(cluster(3, true), {secure: false})).to.deep.equal(['--no-secure'])
    expect(shapeConflicts(cluster(1, false), {secure: true, portBase: 9092, version: '3.9.2'})).to.deep.equal([
      '--secure',
      '--port 9092',
      '--kafka-version 3.9.2',
    ])
  })
})
