import {expect} from 'chai'

import {type CompletionSpec, completeWords, liveKind} from '../../../src/completion/complete.js'

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
  },
}

describe('completion', () => {
  it('completes command words level by level', () => {
    expect(completeWords(spec, [''])).to.deep.equal({kind: 'words', words: ['context', 'lag', 'topics']})
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
  })
})
