import type {TlsSettings} from '../properties.js'

/** Node TLS options for kafkajs's `ssl` from the resolved settings. */
export function tlsOptions(tls: TlsSettings): Record<string, unknown> {
  return {
    ...(tls.ca ? {ca: tls.ca} : {}),
    ...(tls.cert ? {cert: tls.cert} : {}),
    ...(tls.key ? {key: tls.key} : {}),
    ...(tls.pfx ? {pfx: tls.pfx} : {}),
    ...(tls.passphrase ? {passphrase: tls.passphrase} : {}),
    rejectUnauthorized: true,
    ...(tls.checkHostname ? {} : {checkServerIdentity: () => undefined}),
  }
}
