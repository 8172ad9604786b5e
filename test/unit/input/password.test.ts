import {expect} from 'chai'

import {newPassword} from '../../../src/input/password.js'
import {type Prompter, setPrompter} from '../../../src/prompts/prompter.js'

/** A prompter that answers password prompts from a script. */
function scripted(answers: string[]): {prompter: Prompter; asked: string[]} {
  const asked: string[] = []
  const prompter = {
    async password(message: string) {
      asked.push(message)
      return answers.shift() ?? ''
    },
  } as unknown as Prompter
  return {prompter, asked}
}

describe('new password prompt (users create/update on a terminal)', () => {
  it('asks twice and returns the password when both match', async () => {
    const {prompter, asked} = scripted(['s3cret', 's3cret'])
    const restore = setPrompter(prompter)
    try {
      expect(await newPassword({interactive: true})).to.equal('s3cret')
      expect(asked).to.deep.equal(['New password:', 'Repeat it:'])
    } finally {
      restore()
    }
  })

  it('refuses mismatching or empty answers with a usage error', async () => {
    for (const answers of [['a', 'b'], ['']]) {
      const restore = setPrompter(scripted(answers).prompter)
      try {
        const error = await newPassword({interactive: true}).then(
          () => undefined,
          (e: {exitCode: number}) => e,
        )
        expect(error?.exitCode).to.equal(2)
      } finally {
        restore()
      }
    }
  })

  it('never prompts off a terminal: a usage error names the flags', async () => {
    const error = await newPassword({interactive: false}).then(
      () => undefined,
      (e: {hint: string; exitCode: number}) => e,
    )
    expect(error?.exitCode).to.equal(2)
    expect(error?.hint).to.include('--password-file FILE or --password-stdin')
  })
})
