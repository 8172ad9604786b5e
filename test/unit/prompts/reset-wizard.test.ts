import {expect} from 'chai'

import type {Choice, Prompter} from '../../../src/prompts/prompter.js'
import {equivalentCommand, resetWizard} from '../../../src/prompts/reset-wizard.js'

/** A scripted prompter: answers in order, records what was asked. */
function scripted(answers: unknown[]): Prompter & {asked: string[]; choices: Choice<unknown>[][]} {
  const queue = [...answers]
  const asked: string[] = []
  const choices: Choice<unknown>[][] = []
  const next = (message: string, options?: Choice<unknown>[]) => {
    asked.push(message)
    if (options) choices.push(options)
    return Promise.resolve(queue.shift())
  }
  return {
    asked,
    choices,
    confirm: (m) => next(m) as Promise<boolean>,
    async input(m, o) {
      asked.push(m)
      let value = queue.shift() as string
      // Like inquirer: re-ask while the validator rejects (the script gives the retries).
      while (o?.validate && o.validate(value) !== true) {
        asked.push(`invalid: ${o.validate(value)}`)
        value = queue.shift() as string
      }
      return value
    },
    password: (m) => next(m) as Promise<string>,
    select: (m, c) => next(m, c as Choice<unknown>[]) as Promise<never>,
    search: (m, c) => next(m, c as Choice<unknown>[]) as Promise<never>,
    checkbox: (m, c) => next(m, c as Choice<unknown>[]) as Promise<never>,
  }
}

const source = {
  groups: async () => [
    {group: 'billing', state: 'Empty'},
    {group: 'orders', state: 'Stable'},
  ],
  partitionsOf: async () => [
    {topic: 'invoices', partitions: [0, 1, 2]},
    {topic: 'refunds', partitions: [0]},
  ],
}

describe('offsets reset wizard', () => {
  it('walks group, partitions, strategy and value, validating input, and gives the equivalent command', async () => {
    const p = scripted([
      'billing',
      [
        {topic: 'invoices', partition: 0},
        {topic: 'invoices', partition: 2},
        {topic: 'refunds', partition: 0},
      ],
      'shift',
      'minus five',
      '-5',
    ])
    const answer = await resetWizard(p, source)
    expect(answer).to.deep.equal({
      group: 'billing',
      topics: [{topic: 'invoices', partitions: [0, 2]}, {topic: 'refunds'}],
      strategy: {kind: 'shift', by: -5n},
    })
    expect(p.choices[0].map((c) => c.name)).to.deep.equal(['billing  (Empty)', 'orders  (Stable)'])
    expect(p.asked.some((a) => a.startsWith('invalid: Invalid shift "minus five"'))).to.equal(true)
    expect(equivalentCommand('kctl', answer)).to.equal(
      'kctl offsets reset --group billing --topic invoices:0,2 --topic refunds --shift-by=-5 --execute',
    )
  })

  it('skips the group question when --group is given and supports a date-time', async () => {
    const p = scripted([[{topic: 'refunds', partition: 0}], 'datetime', '2024-13-01', '2024-01-31T12:00:00Z'])
    const answer = await resetWizard(p, source, {group: 'orders'})
    expect(answer.group).to.equal('orders')
    expect(answer.strategy).to.deep.equal({kind: 'datetime', timestamp: Date.UTC(2024, 0, 31, 12)})
    expect(p.asked[0]).to.equal('Topics and partitions to reset')
    expect(equivalentCommand('kctl', answer)).to.equal(
      'kctl offsets reset --group orders --topic refunds --to-datetime 2024-01-31T12:00:00.000Z --execute',
    )
  })

  it('refuses an empty partition selection', async () => {
    const p = scripted(['billing', []])
    await resetWizard(p, source).then(
      () => expect.fail('should refuse'),
      (error) => expect(error.message).to.match(/No partitions selected/),
    )
  })
})
