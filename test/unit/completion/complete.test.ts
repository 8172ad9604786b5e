import {expect} from 'chai'

import {
  type CompletionSpec,
  candidates,
  completeWords,
  cutAtWordbreaks,
  liveKind,
  needsCluster,
  splitLine,
} from '../../../src/completion/complete.js'

const spec: CompletionSpec = {
  commands: {
    'topics describe': {
      args: ['names'],
      flags: {
        context: {value: true},
        output: {char: 'o', value: true, options: ['table', 'json']},
        'include-internal': {value: false},
      },
    },
    'topics list': {args: [], flags: {}},
    lag: {args: ['group'], flags: {topic: {value: true}, watch: {value: true}}},
    'context use': {args: ['name'], flags: {}},
    consume: {args: [], flags: {partition: {char: 'p', value: true}, group: {value: true}}},
    'offsets get': {args: ['topic'], flags: {partitions: {value: true}}},
    'offsets reset': {args: [], flags: {topic: {char: 't', value: true}, group: {char: 'g', value: true}}},
    'topics create': {args: ['names'], flags: {partitions: {value: true}, config: {value: true}}},
    'records get': {args: ['record'], flags: {}},
    'txn abort': {args: ['partition'], flags: {}},
    'configs set': {
      args: ['type', 'name', 'entries'],
      flags: {'entity-type': {value: true}, 'entity-name': {value: true}, default: {value: false}},
    },
    'configs delete': {args: ['type', 'name', 'entries'], flags: {}},
    'configs describe': {args: ['type', 'name'], flags: {}},
    configs: {
      args: ['type', 'name', 'entries'],
      flags: {'entity-type': {value: true}, 'entity-name': {value: true}, 'add-config': {value: true}},
    },
    autocomplete: {args: ['shell'], argOptions: {shell: ['bash', 'zsh', 'fish', 'powershell']}, flags: {}},
    'client-metrics set': {args: ['name'], flags: {}},
    'partitions reassign': {args: [], flags: {brokers: {value: true}, topics: {value: true}}},
  },
  configKeys: {
    topic: ['cleanup.policy', 'retention.bytes', 'retention.ms'],
    broker: ['log.cleaner.threads', 'log.retention.ms'],
    user: ['consumer_byte_rate', 'producer_byte_rate'],
  },
}

const cluster = {
  names: {topics: ['orders', 'payments'], groups: ['billing'], brokers: ['1', '2', '3'], 'client-metrics': ['cpu']},
  partitions: {orders: 3, payments: 12},
}
const offered = (words: string[]) => candidates(completeWords(spec, words), cluster)

describe('completion', () => {
  it('completes command words level by level', () => {
    expect(completeWords(spec, ['co'])).to.deep.equal({kind: 'words', words: ['configs', 'consume', 'context']})
    expect(offered([''])).to.include.members(['autocomplete', 'lag', 'topics'])
    expect(completeWords(spec, ['topics', 'd'])).to.deep.equal({kind: 'words', words: ['describe']})
    expect(completeWords(spec, ['nope', ''])).to.deep.equal({kind: 'words', words: []})
  })

  it('completes flags, option values and live names for arguments and flag values', () => {
    expect(completeWords(spec, ['topics', 'describe', '--i'])).to.deep.equal({
      kind: 'words',
      words: ['--include-internal'],
    })
    expect(completeWords(spec, ['topics', 'describe', '-o', 'j'])).to.deep.equal({kind: 'words', words: ['json']})
    expect(completeWords(spec, ['topics', 'describe', '--output=t'])).to.deep.equal({
      kind: 'words',
      words: ['--output=table'],
    })
    expect(completeWords(spec, ['topics', 'describe', '--context', 'x', 'or'])).to.deep.equal({
      kind: 'live',
      live: 'topics',
      prefix: 'or',
    })
    expect(completeWords(spec, ['topics', 'describe', '--context', ''])).to.deep.equal({
      kind: 'live',
      live: 'contexts',
      prefix: '',
    })
    expect(completeWords(spec, ['lag', '--topic', 'a'])).to.deep.equal({kind: 'live', live: 'topics', prefix: 'a'})
    expect(completeWords(spec, ['lag', '--watch', '5s', ''])).to.deep.equal({kind: 'live', live: 'groups', prefix: ''})
    expect(completeWords(spec, ['context', 'use', ''])).to.deep.equal({kind: 'live', live: 'contexts', prefix: ''})
  })

  it('maps argument and flag names to kinds of names', () => {
    expect(liveKind('names', 'topics describe')).to.equal('topics')
    expect(liveKind('group', 'offsets reset')).to.equal('groups')
    expect(liveKind('id', 'brokers describe')).to.equal('brokers')
    expect(liveKind('name', 'users delete')).to.equal('users')
    expect(liveKind('type', 'configs describe')).to.equal(undefined)
    expect(liveKind('name', 'client-metrics set')).to.equal('client-metrics')
  })

  it('offers argument values of a fixed set', () => {
    expect(offered(['autocomplete', ''])).to.deep.equal(['bash', 'zsh', 'fish', 'powershell'])
    expect(offered(['autocomplete', 'p'])).to.deep.equal(['powershell'])
  })

  it('offers the partitions of the topic on the line, never for a partition count', () => {
    expect(offered(['consume', 'orders', '-p', ''])).to.deep.equal(['0', '1', '2'])
    expect(offered(['consume', 'orders', '--partition', '1'])).to.deep.equal(['1'])
    expect(offered(['consume', 'payments', '--partition', '1'])).to.deep.equal(['1', '10', '11'])
    expect(offered(['offsets', 'get', 'orders', '--partitions', '0,'])).to.deep.equal(['0,1', '0,2'])
    expect(offered(['offsets', 'get', 'orders', '--partitions=0,2,'])).to.deep.equal(['--partitions=0,2,1'])
    // No topic on the line, or an unknown one: nothing.
    expect(offered(['consume', '-p', ''])).to.deep.equal([])
    expect(offered(['consume', 'nope', '-p', ''])).to.deep.equal([])
    expect(completeWords(spec, ['topics', 'create', 'x', '--partitions', ''])).to.deep.equal({
      kind: 'words',
      words: [],
      files: true,
    })
    expect(offered(['consume', 'o'])).to.deep.equal(['orders'])
    expect(offered(['offsets', 'reset', '--group=b'])).to.deep.equal(['--group=billing'])
    // Comma-separated topics and broker ids: the next one, none listed twice.
    expect(offered(['partitions', 'reassign', '--brokers', '1,'])).to.deep.equal(['1,2', '1,3'])
    expect(offered(['partitions', 'reassign', '--topics=orders,'])).to.deep.equal(['--topics=orders,payments'])
  })

  it('lets the shell offer files only where kctl knows nothing of the value', () => {
    const files = (words: string[]) => {
      const a = completeWords(spec, words)
      return a.kind === 'words' && a.files === true
    }
    expect(files(['lag', '--watch', '5s', 'x', ''])).to.equal(false)
    expect(files(['topics', 'describe', '--context', 'x', '--output', ''])).to.equal(false)
    expect(files(['lag', ''])).to.equal(false)
    expect(files(['consume', 'orders', '-p', ''])).to.equal(false)
    expect(files(['topics', 'create', 'x', '--config', ''])).to.equal(false)
    expect(files(['configs', 'set', 'topic', 'orders', ''])).to.equal(false)
    // A value kctl has no names for (a path, a free text): the shell's own completion.
    expect(files(['lag', '--watch', ''])).to.equal(true)
    // A new topic's name: neither existing names nor files.
    expect(offered(['topics', 'create', ''])).to.deep.equal([])
    expect(files(['topics', 'create', ''])).to.equal(false)
    expect(files(['context', 'use', 'x', ''])).to.equal(false)
  })

  it('offers TOPIC:PARTITION values: the topic first, then its partitions', () => {
    expect(offered(['records', 'get', 'o'])).to.deep.equal(['orders:'])
    expect(offered(['records', 'get', 'orders:'])).to.deep.equal(['orders:0@', 'orders:1@', 'orders:2@'])
    expect(offered(['txn', 'abort', 'orders:1'])).to.deep.equal(['orders:1'])
    // Optional partitions: the plain topic, and partition lists once there is a colon.
    expect(offered(['offsets', 'reset', '--topic', 'pay'])).to.deep.equal(['payments'])
    expect(offered(['offsets', 'reset', '-t', 'orders:2,'])).to.deep.equal(['orders:2,0', 'orders:2,1'])
    expect(offered(['offsets', 'get', 'orders:'])).to.deep.equal(['orders:0', 'orders:1', 'orders:2'])
  })

  it('offers config entity types, names per type and known keys per type', () => {
    expect(offered(['configs', 'set', 'b'])).to.deep.equal(['broker', 'broker-logger'])
    expect(offered(['configs', 'set', 'topic', 'o'])).to.deep.equal(['orders'])
    expect(offered(['configs', 'describe', 'brokers', ''])).to.deep.equal(['1', '2', '3'])
    expect(offered(['configs', 'describe', 'group', ''])).to.deep.equal(['billing'])
    expect(offered(['configs', 'set', 'client-metrics', ''])).to.deep.equal(['cpu'])
    expect(offered(['configs', 'set', 'topic', 'orders', 'retention.'])).to.deep.equal([
      'retention.bytes=',
      'retention.ms=',
    ])
    // Keys already on the line are not offered again; delete takes bare keys.
    expect(offered(['configs', 'set', 'topic', 'orders', 'retention.ms=1', 'retention.'])).to.deep.equal([
      'retention.bytes=',
    ])
    expect(offered(['configs', 'delete', 'topic', 'orders', 'cl'])).to.deep.equal(['cleanup.policy'])
    expect(offered(['configs', 'set', 'broker', '--default', 'log.c'])).to.deep.equal(['log.cleaner.threads='])
    expect(offered(['configs', 'set', '--entity-type', 'users', '--entity-name', 'u', 'p'])).to.deep.equal([
      'producer_byte_rate=',
    ])
    expect(offered(['configs', 'set', '--entity-type', ''])).to.include.members(['topic', 'broker', 'client-metrics'])
    expect(offered(['configs', 'set', '--entity-type', 'topic', '--entity-name', 'p'])).to.deep.equal(['payments'])
    // describe takes no entries; an unknown type offers nothing.
    expect(offered(['configs', 'describe', 'topic', 'orders', ''])).to.deep.equal([])
    expect(offered(['configs', 'set', 'nope', ''])).to.deep.equal([])
    // kafka-configs syntax: comma-separated keys.
    expect(
      offered(['configs', '--entity-type', 'topics', '--entity-name', 'orders', '--add-config', 'retention.ms=1,cl']),
    ).to.deep.equal(['retention.ms=1,cleanup.policy='])
    expect(offered(['topics', 'create', 'x', '--config', 'retention.b'])).to.deep.equal(['retention.bytes='])
  })

  it('asks the cluster only for live names (contexts come from the config file)', () => {
    expect(needsCluster(completeWords(spec, ['topics', 'describe', '']))).to.equal(true)
    expect(needsCluster(completeWords(spec, ['consume', 'orders', '-p', '']))).to.equal(true)
    expect(needsCluster(completeWords(spec, ['context', 'use', '']))).to.equal(false)
    expect(needsCluster(completeWords(spec, ['topics', '']))).to.equal(false)
    expect(needsCluster(completeWords(spec, ['configs', 'set', 'topic', 'orders', '']))).to.equal(false)
    // No cache: nothing, never an error.
    expect(candidates(completeWords(spec, ['topics', 'describe', '']), undefined)).to.deep.equal([])
  })

  it('splits a command line as the shell does, the last word being completed', () => {
    expect(splitLine('kctl topics describe ', 'bash')).to.deep.equal(['kctl', 'topics', 'describe', ''])
    expect(splitLine('kctl lag --output=j', 'bash')).to.deep.equal(['kctl', 'lag', '--output=j'])
    expect(splitLine(`kctl  records get 'my topic':`, 'bash')).to.deep.equal(['kctl', 'records', 'get', 'my topic:'])
    expect(splitLine('kctl lag "a\\"b" c\\ d', 'bash')).to.deep.equal(['kctl', 'lag', 'a"b', 'c d'])
    expect(splitLine('kctl lag "unclosed', 'bash')).to.deep.equal(['kctl', 'lag', 'unclosed'])
    // PowerShell keeps backslashes (Windows paths).
    expect(splitLine('kctl --command-config C:\\x\\a.properties ', 'powershell')).to.deep.equal([
      'kctl',
      '--command-config',
      'C:\\x\\a.properties',
      '',
    ])
  })

  it("cuts candidates at bash's word breaks (bash replaces only the part after `:` or `=`)", () => {
    const breaks = `"'><=;|&(:`
    expect(cutAtWordbreaks('orders:', ['orders:0', 'orders:1'], breaks)).to.deep.equal(['0', '1'])
    expect(cutAtWordbreaks('--output=j', ['--output=json'], breaks)).to.deep.equal(['json'])
    expect(cutAtWordbreaks('ord', ['orders:'], breaks)).to.deep.equal(['orders:'])
    expect(cutAtWordbreaks('orders:0', ['orders:0'], ' \t\n')).to.deep.equal(['orders:0'])
  })
})
