import {expect} from 'chai'
import {mock} from 'node:test'

import {DEFAULT_TIMEOUT, Deadline, connectTimeoutError, timeoutError, timeoutMsOf} from '../../../src/cli/deadline.js'
import {ExitCode, KctlError} from '../../../src/errors.js'
import {prompter, setPrompter} from '../../../src/prompts/prompter.js'
import {fakePrompter} from '../../helpers/prompter.js'

/** Time is Node's mock clock: `tick` moves it; a deadline of 1000 ms expires at 1000. */
describe('Deadline (the --timeout clock)', () => {
  let expired: number[]
  let deadline: Deadline
  let timeoutMs: number
  const restores: (() => void)[] = []

  beforeEach(() => {
    mock.timers.enable({apis: ['setTimeout']})
    expired = []
    timeoutMs = 1000
    deadline = new Deadline(
      () => timeoutMs,
      (ms) => expired.push(ms),
    )
  })
  afterEach(() => {
    deadline.end()
    while (restores.length > 0) restores.pop()!()
    mock.timers.reset()
  })

  it('expires once, after the full timeout, with the timeout it ran with', () => {
    deadline.start()
    expect(deadline.running).to.equal(true)
    mock.timers.tick(999)
    expect(expired).to.deep.equal([])
    mock.timers.tick(1)
    expect(expired).to.deep.equal([1000])
    expect(deadline.running).to.equal(false)
    mock.timers.tick(10_000)
    expect(expired).to.deep.equal([1000])
  })

  it('stop() ends the clock; start() again runs a full timeout from now, read afresh', () => {
    deadline.start()
    mock.timers.tick(900)
    deadline.stop()
    mock.timers.tick(5000)
    expect(expired).to.deep.equal([])
    timeoutMs = 2000
    deadline.start()
    mock.timers.tick(1999)
    expect(expired).to.deep.equal([])
    mock.timers.tick(1)
    expect(expired).to.deep.equal([2000])
  })

  it('a restart while running replaces the clock (no second expiry)', () => {
    deadline.start()
    mock.timers.tick(900)
    deadline.start()
    mock.timers.tick(900)
    expect(expired).to.deep.equal([])
    mock.timers.tick(100)
    expect(expired).to.deep.equal([1000])
    mock.timers.tick(5000)
    expect(expired).to.have.length(1)
  })

  it('byUser() stops the clock while a person works and restarts it after, also when the work throws', () => {
    deadline.start()
    mock.timers.tick(900)
    const result = deadline.byUser(() => {
      mock.timers.tick(60_000) // a minute in $EDITOR
      return 'edited'
    })
    expect(result).to.equal('edited')
    expect(expired).to.deep.equal([])
    mock.timers.tick(999)
    expect(expired).to.deep.equal([])
    mock.timers.tick(1)
    expect(expired).to.deep.equal([1000])

    deadline.start()
    expect(() =>
      deadline.byUser(() => {
        throw new Error('editor failed')
      }),
    ).to.throw('editor failed')
    expect(deadline.running).to.equal(true)
  })

  it('pauseForPrompts() stops the clock during every prompt; end() stops it and unhooks the prompts', async () => {
    const person = fakePrompter({
      async confirm() {
        mock.timers.tick(60_000)
        return true
      },
    })
    restores.push(setPrompter(person))
    deadline.start()
    deadline.pauseForPrompts()
    expect(await prompter().confirm('Delete?', false)).to.equal(true)
    expect(expired).to.deep.equal([])
    expect(deadline.running, 'a full timeout again after the answer').to.equal(true)
    mock.timers.tick(1000)
    expect(expired).to.deep.equal([1000])

    deadline.start()
    deadline.end()
    expect(deadline.running).to.equal(false)
    await prompter().confirm('Again?', false)
    expect(deadline.running, 'no hook restarts the clock after end()').to.equal(false)
    expect(expired).to.deep.equal([1000])
  })

  it('start() with an invalid --timeout throws a usage error and leaves no clock', () => {
    const bad = new Deadline(
      () => timeoutMsOf('0s'),
      () => expired.push(-1),
    )
    expect(() => bad.start())
      .to.throw(KctlError)
      .with.property('exitCode', ExitCode.usage)
    expect(bad.running).to.equal(false)
  })
})

describe('--timeout values and the deadline errors', () => {
  it('reads --timeout (30s when absent) within Node timer limits', () => {
    expect(DEFAULT_TIMEOUT).to.equal('30s')
    expect(timeoutMsOf(undefined)).to.equal(30_000)
    expect(timeoutMsOf('2m')).to.equal(120_000)
    expect(() => timeoutMsOf('0s'))
      .to.throw(KctlError)
      .with.property('code', 'INVALID_DURATION')
    expect(() => timeoutMsOf('30d')).to.throw(KctlError, /--timeout/)
  })

  it('a deadline is an operation error (exit 1), or a connection error (exit 4) before the first connection', () => {
    expect(timeoutError(1500)).to.include({
      code: 'TIMEOUT',
      exitCode: ExitCode.failed,
      message: 'Timed out after 1500ms',
    })
    const e = connectTimeoutError('k1:9092,k2:9092', 1500)
    expect(e).to.include({
      code: 'CONNECTION_TIMEOUT',
      exitCode: ExitCode.connection,
      message: 'Cannot connect to Kafka at k1:9092,k2:9092: no answer within 1500ms',
    })
    expect(e.hint).to.match(/--bootstrap-server/)
  })
})
