import type {Prompter} from '../../src/prompts/prompter.js'

const notAsked = async (): Promise<never> => {
  throw new Error('not asked in this test')
}

/** A person at a prompt for tests: the given answers; any other question fails the test. */
export function fakePrompter(answers: Partial<Prompter>): Prompter {
  return {
    confirm: notAsked,
    input: notAsked,
    password: notAsked,
    select: notAsked,
    search: notAsked,
    checkbox: notAsked,
    ...answers,
  }
}
