import {expect} from 'chai'
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import Autocomplete from '../../src/commands/autocomplete.js'
import type {CompletionSpec} from '../../src/completion/complete.js'
import {runCmd} from './helpers.js'

describe('kctl autocomplete', () => {
  let dir: string
  let saved: string | undefined
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kctl-autocomplete-'))
    saved = process.env.XDG_CACHE_HOME
    process.env.XDG_CACHE_HOME = dir
  })
  afterEach(() => {
    if (saved === undefined) delete process.env.XDG_CACHE_HOME
    else process.env.XDG_CACHE_HOME = saved
    rmSync(dir, {recursive: true, force: true})
  })

  it('prints each shell its script, and writes the spec the helper answers from', async () => {
    const scripts = {
      bash: 'complete -o default -F _kctl_complete kctl',
      zsh: 'compdef _kctl_complete kctl',
      fish: "complete -c kctl -f -a '(__kctl_complete)'",
      powershell: "Register-ArgumentCompleter -Native -CommandName 'kctl'",
    }
    for (const [shell, line] of Object.entries(scripts)) {
      const r = await runCmd(Autocomplete, [shell])
      expect(r.exitCode, shell).to.equal(0)
      expect(r.stdout, shell).to.include(line)
      expect(r.stdout, shell).to.include('completion/main.')
    }
    const spec = JSON.parse(readFileSync(join(dir, 'kctl', 'completion', 'spec.json'), 'utf8')) as CompletionSpec
    expect(spec.commands['topics describe'].args).to.deep.equal(['names'])
    expect(spec.commands['offsets reset'].flags.topic).to.include({char: 't', value: true})
    expect(spec.commands.autocomplete.argOptions).to.deep.equal({shell: ['bash', 'zsh', 'fish', 'powershell']})
    // The alias, and Kafka's own config keys per entity type.
    expect(spec.commands.completion).to.deep.equal(spec.commands.autocomplete)
    expect(spec.configKeys?.topic).to.include.members(['retention.ms', 'cleanup.policy', 'min.insync.replicas'])
    expect(spec.configKeys?.broker).to.include('log.cleaner.threads')
    expect(spec.configKeys?.group).to.include('consumer.session.timeout.ms')
    expect(spec.configKeys?.['client-metrics']).to.have.members(['metrics', 'interval.ms', 'match'])
    expect(spec.configKeys?.user).to.include('producer_byte_rate')
  })

  it('without a shell, says how to install it in each shell', async () => {
    const r = await runCmd(Autocomplete, [])
    expect(r.exitCode).to.equal(0)
    for (const line of [
      'eval "$(kctl autocomplete bash)"',
      'eval "$(kctl autocomplete zsh)"',
      'kctl autocomplete fish | source',
      'kctl autocomplete powershell | Out-String | Invoke-Expression',
    ])
      expect(r.stdout).to.include(line)
    expect(existsSync(join(dir, 'kctl', 'completion', 'spec.json'))).to.equal(true)
  })

  it('an unknown shell is a usage error (exit 2)', async () => {
    const r = await runCmd(Autocomplete, ['tcsh'])
    expect(r.exitCode).to.equal(2)
    expect(r.stderr).to.match(/Expected tcsh to be one of: bash, zsh, fish, powershell|Unknown shell/)
  })
})
