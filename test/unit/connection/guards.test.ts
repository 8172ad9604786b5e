import {expect} from 'chai'

import type {KctlConfig} from '../../../src/connection/config-file.js'
import {findClusterGuard, guardedContexts} from '../../../src/connection/guards.js'

const hosts: Record<string, string[]> = {
  'kafka-a.example': ['10.0.0.1'],
  'kafka-b.example': ['10.0.0.2'],
  localhost: ['127.0.0.1', '::1'],
}
const resolve = async (host: string) => {
  if (/^[\d.]+$|:/.test(host)) return [host]
  if (!hosts[host]) throw new Error(`ENOTFOUND ${host}`)
  return hosts[host]
}

const identity = {
  clusterId: 'C1',
  brokers: [
    {host: 'kafka-a.example', port: 9092},
    {host: 'kafka-b.example', port: 9092},
  ],
}

describe('guards follow the cluster', () => {
  it('only read-only and protected contexts guard (a cluster-id pin alone adds nothing)', () => {
    const config: KctlConfig = {
      contexts: {
        a: {bootstrapServers: ['x:1'], clusterId: 'C1'},
        b: {bootstrapServers: ['x:1'], protected: true},
        c: {bootstrapServers: ['x:1'], readOnly: true},
      },
    }
    expect(guardedContexts(config).map(([n]) => n)).to.deep.equal(['b', 'c'])
    expect(guardedContexts({contexts: {a: {bootstrapServers: ['x:1'], clusterId: 'C1'}}})).to.deep.equal([])
  })

  it('a pinned context is matched by cluster id, whatever the address', async () => {
    const config: KctlConfig = {
      contexts: {prod: {bootstrapServers: ['elsewhere:9093'], readOnly: true, clusterId: 'C1'}},
    }
    expect(await findClusterGuard(config, ['10.9.9.9:9092'], identity, resolve)).to.deep.equal({
      contextName: 'prod',
      readOnly: true,
      protected: false,
      matchedBy: 'cluster-id',
    })
    expect(await findClusterGuard(config, ['kafka-a.example:9092'], {...identity, clusterId: 'C2'}, resolve)).to.equal(
      undefined,
    )
  })

  it('an unpinned context is matched by its bootstrap servers: given, reported by the cluster, or resolving to the same address', async () => {
    const config: KctlConfig = {contexts: {prod: {bootstrapServers: ['kafka-b.example:9092'], protected: true}}}
    // -b names another broker of the same cluster: the cluster reports kafka-b.
    expect(await findClusterGuard(config, ['kafka-a.example:9092'], identity, resolve)).to.include({
      contextName: 'prod',
      matchedBy: 'bootstrap-servers',
    })
    // The same broker by IP address.
    expect(await findClusterGuard(config, ['10.0.0.2:9092'], {clusterId: 'C1', brokers: []}, resolve)).to.include({
      contextName: 'prod',
    })
    // Same host, another port (listener of another cluster): no match.
    expect(
      await findClusterGuard(
        config,
        ['kafka-b.example:9093'],
        {clusterId: 'C9', brokers: [{host: 'kafka-b.example', port: 9093}]},
        resolve,
      ),
    ).to.equal(undefined)
    const local: KctlConfig = {contexts: {ro: {bootstrapServers: ['localhost:15092'], readOnly: true}}}
    expect(await findClusterGuard(local, ['127.0.0.1:15092'], {clusterId: 'L', brokers: []}, resolve)).to.include({
      contextName: 'ro',
      readOnly: true,
    })
  })

  it('read-only wins over protected when several contexts match', async () => {
    const config: KctlConfig = {
      contexts: {
        a: {bootstrapServers: ['kafka-a.example:9092'], protected: true},
        b: {bootstrapServers: ['x:1'], readOnly: true, clusterId: 'C1'},
      },
    }
    expect(await findClusterGuard(config, ['kafka-a.example:9092'], identity, resolve)).to.include({
      contextName: 'b',
      readOnly: true,
    })
  })
})
