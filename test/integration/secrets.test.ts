import {expect} from 'chai'
import {execFileSync} from 'node:child_process'
import {randomBytes} from 'node:crypto'
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {kctl, registerSecret, secretsIn, kctlTty} from '../helpers/cli.js'
import {privateConfig, saslProperties, testCluster} from '../helpers/cluster.js'
import {processArgs} from '../helpers/processes.js'

/**
 * Secrets never leave: the run's SCRAM passwords (and wrong ones tried here) are known secrets;
 * the root hooks check every output of the run, these tests the places a secret is most likely
 * to slip out. A failure names the command, never the secret.
 */
describe('secrets never leave', () => {
  const noSecret = (text: string, what: string) =>
    expect(secretsIn(text).length, `${what} contains a known secret`).to.equal(0)

  it('--debug with a SASL context prints the user, never the password @smoke', async () => {
    for (const args of [
      ['topics', 'list'],
      ['topics', 'list', '--json'],
      ['cluster', 'describe', '-o', 'yaml'],
    ]) {
      const r = await kctl([...args, '--context', 'local-sasl', '--debug'])
      expect(r.code, r.stderr).to.equal(0)
      expect(r.stderr).to.include('scram-sha-512 as admin')
      noSecret(r.stdout + r.stderr, `kctl ${args.join(' ')} --debug`)
    }
  })

  it('an authentication failure is exit 4 naming the user, not the password tried @smoke', async () => {
    const c = testCluster()
    const wrong = `wrong-${randomBytes(12).toString('hex')}`
    registerSecret(wrong)
    const props = saslProperties('alice', wrong, 'SCRAM-SHA-512')
    for (const extra of [['--debug'], ['--json', '--debug']]) {
      const r = await kctl([
        'topics',
        'list',
        '-b',
        c.saslBootstrap,
        '--command-config',
        props,
        '--timeout',
        '20s',
        ...extra,
      ])
      expect(r.code, r.stdout + r.stderr).to.equal(4)
      expect(r.stdout + r.stderr)
        .to.match(/authenticat/i)
        .and.include('alice')
      noSecret(r.stdout + r.stderr, `an authentication failure (${extra.join(' ')})`)
    }
  })

  it('context show and list, in every format, show no password (from a file or inline)', async () => {
    const c = testCluster()
    const env = privateConfig()
    const config = env.KCTL_CONFIG
    const props = saslProperties('alice', c.users.alice, 'SCRAM-SHA-256')
    const imported = await kctl(
      ['context', 'import', props, '--name', 'inline-sasl', '--bootstrap-server', c.saslBootstrap],
      {env},
    )
    expect(imported.code, imported.stderr).to.equal(0)
    // The secret is there to leak: inline in the config file.
    expect(secretsIn(readFileSync(config, 'utf8')).length).to.be.above(0)
    const shows = [...['table', 'json', 'yaml', 'csv'].map((format) => ['inline-sasl', format]), ['local-sasl', 'json']]
    for (const [name, format] of shows) {
      const r = await kctl(['context', 'show', name, '-o', format], {env})
      expect(r.code, r.stderr).to.equal(0)
      expect(r.stdout).to.include(name === 'inline-sasl' ? 'alice' : 'admin')
      noSecret(r.stdout + r.stderr, `context show ${name} -o ${format}`)
    }
    const list = await kctl(['context', 'list', '-o', 'json'], {env})
    noSecret(list.stdout + list.stderr, 'context list')
    // The inline context works, and its --debug shows no password either.
    const used = await kctl(['topics', 'list', '--context', 'inline-sasl', '--debug'], {env})
    expect(used.code, used.stderr).to.equal(0)
    noSecret(used.stdout + used.stderr, 'topics list --context inline-sasl --debug')
  })

  it('a key passphrase (ssl.key.password) is used, never shown: --debug, a wrong passphrase, context show @smoke', async () => {
    const c = testCluster()
    const dir = mkdtempSync(join(tmpdir(), 'kctl-secrets-key-'))
    const [passphrase, wrong] = [`key-${randomBytes(12).toString('hex')}`, `key-${randomBytes(12).toString('hex')}`]
    registerSecret(passphrase)
    registerSecret(wrong)
    // The client key of the test cluster, encrypted, with its certificate: an mTLS keystore with a passphrase.
    const key = execFileSync('openssl', ['pkey', '-in', join(c.dir, 'client.key'), '-aes256', '-passout', 'stdin'], {
      input: passphrase,
      encoding: 'utf8',
    })
    const keystore = join(dir, 'keystore.pem')
    writeFileSync(keystore, key + readFileSync(join(c.dir, 'client.pem'), 'utf8'), {mode: 0o600})
    const props = (pass: string) => {
      const file = join(dir, `client-${pass === passphrase ? 'right' : 'wrong'}.properties`)
      writeFileSync(
        file,
        `security.protocol=SSL\nssl.truststore.type=PEM\nssl.truststore.location=${c.caFile}\nssl.keystore.type=PEM\nssl.keystore.location=${keystore}\nssl.key.password=${pass}\n`,
        {mode: 0o600},
      )
      return file
    }
    const ok = await kctl([
      'cluster',
      'describe',
      '-b',
      c.sslBootstrap,
      '--command-config',
      props(passphrase),
      '--debug',
      '--json',
    ])
    expect(ok.code, ok.stderr).to.equal(0)
    expect(ok.json().clusterId).to.equal(c.clusterId)
    noSecret(ok.stdout + ok.stderr, 'an mTLS connection with a key passphrase (--debug)')
    const bad = await kctl([
      'cluster',
      'describe',
      '-b',
      c.sslBootstrap,
      '--command-config',
      props(wrong),
      '--debug',
      '--json',
      '--timeout',
      '20s',
    ])
    expect(bad.code, bad.stdout).to.equal(4)
    noSecret(bad.stdout + bad.stderr, 'a wrong key passphrase')
    const env = privateConfig()
    expect(
      (
        await kctl(
          ['context', 'import', props(passphrase), '--name', 'mtls-pass', '--bootstrap-server', c.sslBootstrap],
          {env},
        )
      ).code,
    ).to.equal(0)
    for (const format of ['json', 'yaml', 'csv']) {
      const r = await kctl(['context', 'show', 'mtls-pass', '-o', format], {env})
      expect(r.code, r.stderr).to.equal(0)
      noSecret(r.stdout + r.stderr, `context show mtls-pass -o ${format}`)
    }
  })

  it("no process kctl started has a secret in its arguments: Kafka's tools, the brokers, $EDITOR @smoke", async () => {
    const c = testCluster()
    // What `kctl local start` ran (storage format, brokers), seen while it ran.
    const ran = c.startProcessArgs.filter((p) => p.cmdline.includes(c.dir))
    // Per node: the storage format, then the broker (none when the cluster was already running).
    if (!c.reused) expect(ran.length, 'processes kctl local start ran').to.be.at.least(2 * c.brokerIds.length)
    for (const p of c.startProcessArgs)
      noSecret(p.cmdline, `the arguments of a process seen during kctl local start (pid ${p.pid})`)
    // The running brokers.
    const brokers = processArgs().filter((p) => p.cmdline.includes(c.dir))
    expect(brokers.length, 'running broker processes').to.be.at.least(c.brokerIds.length)
    for (const p of brokers) noSecret(p.cmdline, `the arguments of broker process ${p.pid}`)
    // Every process's arguments while kctl, connected with SASL, waits for $EDITOR.
    const dir = mkdtempSync(join(tmpdir(), 'kctl-secrets-editor-'))
    const editor = join(dir, 'editor.sh')
    const seen = join(dir, 'processes.txt')
    writeFileSync(
      editor,
      `#!/bin/sh\nfor p in /proc/[0-9]*; do tr '\\000' ' ' < "$p/cmdline" 2>/dev/null; echo; done > '${seen}'\n`,
      {mode: 0o700},
    )
    // $EDITOR runs only on a terminal: a pseudo-terminal, as a person's.
    const tty = kctlTty(['configs', 'edit', 'broker', String(c.brokerIds[0]), '--context', 'local-sasl'], {
      env: {EDITOR: editor, VISUAL: undefined},
    })
    expect(await tty.exited, tty.screen).to.equal(0)
    const listed = readFileSync(seen, 'utf8')
    expect(listed).to.include(editor)
    noSecret(listed, 'the arguments of the processes running while $EDITOR was open')
  })
})
