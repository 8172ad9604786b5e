import {expect} from 'chai'
import {readFileSync, readdirSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {ROOT} from '../helpers/cli.js'
import {commandClasses} from './helpers.js'

const SNAPSHOT = join(ROOT, 'test', 'commands', 'flags-snapshot.json')

/** Each command's flags and arguments, as scripts and users depend on them. */
async function currentFlags(): Promise<Record<string, unknown>> {
  // From the classes in src/ (not dist/, which may be stale or absent when unit tests run).
  const out: Record<string, unknown> = {}
  const entries = [...(await commandClasses<CommandClass>())].sort(([a], [b]) => a.localeCompare(b))
  for (const [id, c] of entries) {
    const all = {...c.baseFlags, ...c.flags, ...(c.enableJsonFlag ? {json: {type: 'boolean'}} : {})}
    const flags = Object.fromEntries(
      Object.entries(all)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, f]) => {
          const flag = f as {
            char?: string
            type: string
            required?: boolean
            options?: readonly string[]
            multiple?: boolean
            aliases?: string[]
            allowNo?: boolean
          }
          return [
            name,
            {
              ...(flag.char ? {char: flag.char} : {}),
              type: flag.type,
              ...(flag.required ? {required: true} : {}),
              ...(flag.multiple ? {multiple: true} : {}),
              ...(flag.allowNo ? {allowNo: true} : {}),
              ...(flag.options ? {options: [...flag.options]} : {}),
              ...(flag.aliases?.length ? {aliases: [...flag.aliases]} : {}),
            },
          ]
        }),
    )
    const args = Object.entries(c.args ?? {}).map(([name, a]) => ({
      name,
      ...(a.required ? {required: true} : {}),
      ...(a.options ? {options: [...a.options]} : {}),
    }))
    const aliases = (c.aliases ?? []).map((a) => a.replaceAll(':', ' '))
    out[id.replaceAll(':', ' ')] = {
      ...(aliases.length > 0 ? {aliases} : {}),
      ...(args.length > 0 ? {args} : {}),
      ...(c.strict === false ? {variadic: true} : {}),
      flags,
    }
  }
  return out
}

type CommandClass = {
  baseFlags?: Record<string, unknown>
  flags?: Record<string, unknown>
  args?: Record<string, {required?: boolean; options?: readonly string[]}>
  aliases?: string[]
  strict?: boolean
  enableJsonFlag?: boolean
}

describe('flags snapshot: a removed or renamed flag fails here', () => {
  it("every command's flags (names, chars, types, required, options) match test/commands/flags-snapshot.json", async () => {
    const current = await currentFlags()
    if (process.env.UPDATE_FLAGS_SNAPSHOT) writeFileSync(SNAPSHOT, `${JSON.stringify(current, null, 2)}\n`)
    const snapshot = JSON.parse(readFileSync(SNAPSHOT, 'utf8'))
    // Added flags: update the snapshot on purpose (UPDATE_FLAGS_SNAPSHOT=1 npx mocha test/commands/flags-snapshot.test.ts).
    expect(current, 'flags differ from the snapshot').to.deep.equal(snapshot)
    expect(Object.keys(current).length).to.equal(readdirSync(join(ROOT, 'schemas')).length - 2) // one schema each, and error.json and state-file.json
  })
})
