import {usageError} from '../errors.js'

/**
 * A metadata log directory id as Kafka prints it (`kafka-metadata-quorum describe`, meta.properties):
 * a Uuid in URL-safe base64 without padding, 22 characters.
 */
export function parseDirectoryId(value: string, flag = '--controller-directory-id'): string {
  const bytes = /^[\w-]{22}$/.test(value) ? Buffer.from(value, 'base64url') : Buffer.alloc(0)
  if (bytes.length !== 16 || bytes.toString('base64url') !== value || bytes.every((b) => b === 0))
    throw usageError(
      `Invalid ${flag} "${value}": not a Kafka directory id`,
      'A directory id is 22 characters of URL-safe base64, e.g. mfy4aOA3IbXgWby4n5-uFw (the DIRECTORY ID column of `kctl cluster quorum describe`).',
      'INVALID_DIRECTORY_ID',
    )
  return value
}

/** `NAME://host:port`, a controller listener as `listeners`/`advertised.listeners` write it. */
export function parseControllerEndpoint(
  value: string,
  flag = '--endpoint',
): {name: string; host: string; port: number} {
  const m = /^([A-Za-z][\w-]*):\/\/(\[[0-9A-Fa-f:.]+\]|[^\s:/[\]]+):(\d{1,5})$/.exec(value)
  const port = m ? Number(m[3]) : 0
  if (!m || port < 1 || port > 65_535)
    throw usageError(
      `Invalid ${flag} "${value}": not NAME://host:port`,
      'Pass the controller listener the node advertises, e.g. --endpoint CONTROLLER://ctrl-2.example.com:9093 (a port from 1 to 65535).',
      'INVALID_ENDPOINT',
    )
  return {name: m[1], host: m[2].replace(/^\[(.*)\]$/, '$1'), port}
}
