import {execFile} from 'node:child_process'
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {promisify} from 'node:util'

import {ExitCode, KctlError} from '../errors.js'

const run = promisify(execFile)

export interface LocalCertificates {
  /** CA certificate (the truststore for clients and brokers). */
  caPem: string
  /** Broker key + certificate chain (PKCS#8 key), SAN localhost and 127.0.0.1. */
  brokerKeystore: string
  /** Client key + certificate for mTLS (CN=admin, a super user). */
  clientKeystore: string
}

/**
 * Make a throwaway CA, a broker certificate and a client certificate with openssl. Private keys
 * stay in the cluster directory (mode 0600) and are never committed anywhere.
 */
export async function generateCertificates(dir: string): Promise<LocalCertificates> {
  const file = (name: string) => join(dir, name)
  const openssl = async (args: string[]) => {
    try {
      await run('openssl', args, {cwd: dir})
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new KctlError(
          'MISSING_DEPENDENCY',
          ExitCode.failed,
          'openssl is not installed; kctl local --secure makes its certificates with it',
          {hint: 'Install it, e.g. `apt-get install openssl`.'},
        )
      }
      throw error
    }
  }
  await openssl([
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '30',
    '-subj',
    '/CN=kctl-local-ca',
  ])
  writeFileSync(
    file('broker.ext'),
    'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth,clientAuth\n',
  )
  writeFileSync(file('client.ext'), 'extendedKeyUsage=clientAuth\n')
  for (const [name, subject] of [
    ['broker', '/CN=localhost'],
    ['client', '/CN=admin'],
  ]) {
    await openssl([
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.csr`,
      '-subj',
      subject,
    ])
    await openssl([
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      `${name}.pem`,
      '-days',
      '30',
      '-extfile',
      `${name}.ext`,
    ])
  }
  const caPem = readFileSync(file('ca.pem'), 'utf8')
  const keystore = (name: string) =>
    `${readFileSync(file(`${name}.key`), 'utf8')}${readFileSync(file(`${name}.pem`), 'utf8')}`
  const certs = {caPem, brokerKeystore: keystore('broker'), clientKeystore: keystore('client')}
  writeFileSync(file('broker-keystore.pem'), certs.brokerKeystore, {mode: 0o600})
  writeFileSync(file('client-keystore.pem'), certs.clientKeystore, {mode: 0o600})
  return certs
}
