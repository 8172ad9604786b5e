import {expect} from 'chai'
import {execFile} from 'node:child_process'
import {copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {promisify} from 'node:util'

import {ROOT, cliEnv} from '../helpers/cli.js'

const run = promisify(execFile)

/**
 * The module budget of start-up (docs/benchmarks.md, "Module budget"): how many module files
 * (ours, oclif's, kafkajs's, every dependency's) a command loads. Not timed: the count is the
 * structural part of start-up time that regresses silently (one eager import of a heavy package
 * adds dozens). Raise a budget only on purpose, with the reason in the docs.
 */
const MODULE_BUDGET = {
  /** The fast path (bin/run.js, src/fast/): a pre-rendered help file, one bundle for the hot commands. */
  fast: {help: 2, usageError: 6, topicsList: 20},
  /** oclif's path, taken by every other command (and by these under KCTL_NO_FAST=1). */
  oclif: {help: 115, usageError: 200, topicsList: 295},
}

/**
 * kctl laid out as `npm i -g` installs it: the package's bin, package.json and .oclifrc.json, the
 * built dist and the oclif manifest (which prepack generates), so oclif finds commands through
 * the manifest as it does for users.
 */
function installedLayout(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kctl-installed-'))
  mkdirSync(join(dir, 'bin'))
  copyFileSync(join(ROOT, 'bin', 'run.js'), join(dir, 'bin', 'run.js'))
  copyFileSync(join(ROOT, 'package.json'), join(dir, 'package.json'))
  copyFileSync(join(ROOT, '.oclifrc.json'), join(dir, '.oclifrc.json'))
  symlinkSync(join(ROOT, 'dist'), join(dir, 'dist'))
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'))
  return dir
}

async function modulesLoaded(
  dir: string,
  args: string[],
  extraEnv: Record<string, string> = {},
): Promise<{files: string[]; code: number}> {
  const list = join(dir, `modules-${Object.keys(extraEnv).join('-')}${args.join('-').replaceAll(/[^a-z-]/g, '')}.txt`)
  const env = {
    ...process.env,
    ...cliEnv,
    ...extraEnv,
    KCTL_MODULE_LIST: list,
    NODE_OPTIONS: `--import ${join(ROOT, 'test', 'helpers', 'module-counter.mjs')}`,
  }
  let code = 0
  try {
    await run(process.execPath, [join(dir, 'bin', 'run.js'), ...args], {env})
  } catch (error) {
    code = (error as {code: number}).code
  }
  const files = [...new Set(readFileSync(list, 'utf8').trim().split('\n'))].filter(
    (f) => !f.endsWith('module-counter.mjs'),
  )
  return {files, code}
}

describe('start-up module budget', function () {
  this.timeout(120_000)
  let dir: string

  before(async () => {
    dir = installedLayout()
    await run(process.execPath, [join(ROOT, 'node_modules', 'oclif', 'bin', 'run.js'), 'manifest'], {cwd: dir})
  })

  after(() => rmSync(dir, {recursive: true, force: true}))

  it('--help, a usage error and topics list on the fast path load no module of node_modules @smoke', async () => {
    const help = await modulesLoaded(dir, ['topics', 'list', '--help'])
    expect(help.code).to.equal(0)
    expect(help.files.length, `modules loaded by --help: ${help.files.join(' ')}`).to.be.at.most(
      MODULE_BUDGET.fast.help,
    )

    const usage = await modulesLoaded(dir, ['topics', 'list', '--output', 'nope'])
    expect(usage.code).to.equal(2)
    expect(usage.files.length, `modules loaded by a usage error: ${usage.files.join(' ')}`).to.be.at.most(
      MODULE_BUDGET.fast.usageError,
    )

    const list = await modulesLoaded(dir, ['topics', 'list', '--context', 'local'])
    expect(list.code).to.equal(0)
    expect(list.files.length, `modules loaded by topics list: ${list.files.join(' ')}`).to.be.at.most(
      MODULE_BUDGET.fast.topicsList,
    )
    for (const run of [help, usage, list]) {
      expect(run.files.filter((f) => f.includes('/node_modules/'))).to.deep.equal([])
      expect(run.files.filter((f) => /\/dist\/(commands|admin|connection)\//.test(f))).to.deep.equal([])
    }
  })

  it('--help and a usage error on the oclif path load neither kafkajs, our services nor the config file parser', async () => {
    const oclif = {KCTL_NO_FAST: '1'}
    const help = await modulesLoaded(dir, ['--help'], oclif)
    expect(help.code).to.equal(0)
    expect(help.files.length, 'modules loaded by --help').to.be.at.most(MODULE_BUDGET.oclif.help)
    expect(help.files.filter((f) => /\/(kafkajs|yaml|semver)\/|\/dist\/(admin|connection)\//.test(f))).to.deep.equal([])

    const usage = await modulesLoaded(dir, ['topics', 'list', '--output', 'nope'], oclif)
    expect(usage.code).to.equal(2)
    expect(usage.files.length, 'modules loaded by a usage error').to.be.at.most(MODULE_BUDGET.oclif.usageError)
    expect(usage.files.filter((f) => /\/(kafkajs|yaml|semver)\//.test(f))).to.deep.equal([])
  })

  it('topics list on the oclif path stays within its module budget @smoke', async () => {
    const list = await modulesLoaded(dir, ['topics', 'list', '--context', 'local'], {KCTL_NO_FAST: '1'})
    expect(list.code).to.equal(0)
    expect(list.files.length, 'modules loaded by topics list').to.be.at.most(MODULE_BUDGET.oclif.topicsList)
    // Never the whole of @oclif/core's index (it loads semver for an engine check), plugins, the
    // prompts, the JSON Schema validator or the compression codecs.
    expect(
      list.files.filter((f) =>
        /\/(semver|@inquirer|ajv|@oclif\/plugin-[a-z]+|lz4js|snappyjs|fzstd|@bokuweb)\//.test(f),
      ),
    ).to.deep.equal([])
  })
})
