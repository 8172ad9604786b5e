import {readFileSync} from 'node:fs'
import {isIP, type Socket, connect as netConnect} from 'node:net'
import {dirname, join} from 'node:path'
import {connect as tlsConnect} from 'node:tls'
import {fileURLToPath} from 'node:url'

import {connectApiVersionsRequest} from '../protocol/api-versions.js'
import {Encoder} from '../protocol/encoder.js'
import {errorName} from '../protocol/error-codes.js'
import type {
  KafkaBroker,
  KafkaEncoder,
  ProtocolRequest,
  RequestEvent,
  VersionRange,
} from '../protocol/kafkajs-internals.js'
import {KafkaProtocolError} from '../protocol/protocol-error.js'
import {saslAuthenticateRequest, SaslAuthenticateApi} from '../protocol/sasl-authenticate.js'
import {saslHandshakeRequest, SaslHandshakeApi} from '../protocol/sasl-handshake.js'

/**
 * One SASL mechanism as kctl's broker connection runs it: after the SaslHandshake naming `name`,
 * `authenticate` sends its messages with `exchange` (one SaslAuthenticate each; the broker's bytes
 * come back, a refusal throws with the broker's message).
 */
export interface SaslMechanism {
  /** The mechanism as Kafka names it: PLAIN, SCRAM-SHA-256, OAUTHBEARER... */
  name: string
  authenticate(args: SaslExchangeArgs): Promise<void>
}

export interface SaslExchangeArgs {
  host: string
  port: number
  exchange: (bytes: Buffer) => Promise<Buffer>
}

/** The broker refused the SASL login, or the exchange could not complete (toKctlError: AUTHENTICATION_FAILED). */
export class SaslAuthenticationError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'SaslAuthenticationError'
  }
}

/** A socket-level failure: refused, reset, timed out, closed, not a Kafka peer. */
export class KafkaConnectionError extends Error {
  readonly broker: string
  readonly code?: string
  constructor(message: string, broker: string, options: {code?: string; name?: string} = {}) {
    super(message)
    this.name = options.name ?? 'KafkaConnectionError'
    this.broker = broker
    this.code = options.code
  }
}

/** A request the broker did not answer within the request timeout (the connection stays open). */
export class KafkaRequestTimeoutError extends KafkaConnectionError {
  constructor(message: string, broker: string) {
    super(message, broker, {name: 'KafkaRequestTimeoutError'})
  }
}

export interface BrokerConnectionOptions {
  host: string
  port: number
  nodeId: number | null
  /** Node TLS options; none for a plain listener. */
  tls?: Record<string, unknown>
  sasl?: SaslMechanism
  clientId: string
  /** Software name and version sent in ApiVersions v3+. */
  software: {name: string; version: string}
  connectionTimeoutMs: number
  /** The default (and minimum) per-request timeout. */
  requestTimeoutMs: number
  /** Called once per answered request, for request counts and --debug lines. */
  onRequest?: (event: RequestEvent) => void
}

interface Pending {
  apiName: string
  apiKey: number
  apiVersion: number
  sentAt: number
  size: number
  resolve: (payload: Buffer) => void
  reject: (error: Error) => void
  timer: NodeJS.Timeout
}

const API_VERSIONS = 18
/** Kafka's UNSUPPORTED_VERSION, SASL_AUTHENTICATION_FAILED. */
const UNSUPPORTED_VERSION = 35
const SASL_AUTHENTICATION_FAILED = 58

/**
 * One connection to one broker: a net or TLS socket, Kafka's length-prefixed frames, correlation
 * ids with any number of requests in flight, a timeout per request, ApiVersions and SASL on connect.
 * kctl's own replacement for kafkajs's Broker and Connection classes.
 */
export class BrokerConnection implements KafkaBroker {
  nodeId: number | null
  readonly brokerAddress: string
  versions: Record<number, VersionRange> | null = null
  private readonly options: BrokerConnectionOptions
  private socket?: Socket
  /** Open, and (with SASL) authenticated: ready for requests. */
  private ready = false
  private connecting?: Promise<void>
  private readonly inflight = new Map<number, Pending>()
  private correlationId = 0
  private received: Buffer[] = []
  private receivedBytes = 0
  /** The size of the frame being received, once its first four bytes are in; -1 before. */
  private frameSize = -1
  /** When the broker's SASL session (KIP-368 session lifetime) is due to be renewed. */
  private reauthenticateAt?: number
  private renewing?: Promise<void>
  /** Requests being encoded, sent or awaited (a re-authentication waits for none). */
  private active = 0

  constructor(options: BrokerConnectionOptions) {
    this.options = options
    this.nodeId = options.nodeId
    this.brokerAddress = `${options.host}:${options.port}`
  }

  isConnected(): boolean {
    return this.ready && this.socket !== undefined && !this.socket.destroyed
  }

  connect(): Promise<void> {
    if (this.isConnected()) return Promise.resolve()
    this.connecting ??= this.open().finally(() => (this.connecting = undefined))
    return this.connecting
  }

  async disconnect(): Promise<void> {
    const socket = this.socket
    this.drop(new KafkaConnectionError('Closed connection', this.brokerAddress, {name: 'KafkaConnectionClosedError'}))
    if (socket && !socket.destroyed) {
      socket.end()
      socket.destroy()
    }
  }

  /** Send a request built in src/protocol/ (or one of kafkajs's request objects) and decode its answer. */
  async send<T>(r: ProtocolRequest<T>): Promise<T> {
    if (this.renewing) await this.renewing.catch(() => undefined)
    if (!this.isConnected()) throw new KafkaConnectionError('Not connected', this.brokerAddress)
    const sasl = this.options.sasl
    if (sasl && this.reauthenticateAt !== undefined && Date.now() >= this.reauthenticateAt && this.active === 0) {
      // KIP-368: the broker ends a SASL session after its lifetime (connections.max.reauth.ms, a
      // token's expiry); the connection logs in again on the same socket, with nothing else in
      // flight, before it does.
      this.renewing ??= this.authenticate(sasl)
        .catch(async (error) => {
          await this.disconnect()
          throw error
        })
        .finally(() => (this.renewing = undefined))
      await this.renewing
    }
    return this.exchange(r)
  }

  /** The same, also during connect (ApiVersions, SASL). */
  private async exchange<T>(r: ProtocolRequest<T>): Promise<T> {
    this.active++
    try {
      const body = await r.request.encode()
      const expectResponse = !r.request.expectResponse || r.request.expectResponse()
      const timeoutMs = Math.max(this.options.requestTimeoutMs, r.requestTimeout ?? 0)
      const payload = await this.roundTrip(r.request, body, expectResponse, timeoutMs)
      if (!expectResponse) return undefined as T
      return await r.response.parse(await r.response.decode(payload))
    } finally {
      this.active--
    }
  }

  private roundTrip(
    request: {apiKey: number; apiVersion: number; apiName: string},
    body: KafkaEncoder | Buffer,
    expectResponse: boolean,
    timeoutMs: number,
  ): Promise<Buffer> {
    const socket = this.socket
    if (!socket || socket.destroyed) {
      return Promise.reject(new KafkaConnectionError('Not connected', this.brokerAddress))
    }
    const correlationId = this.correlationId
    this.correlationId = (this.correlationId + 1) % 2_147_483_647
    const bytes = Buffer.isBuffer(body) ? body : body.buffer
    const clientId = Buffer.from(this.options.clientId, 'utf8')
    const header = Buffer.alloc(14 + clientId.length)
    header.writeInt32BE(10 + clientId.length + bytes.length, 0)
    header.writeInt16BE(request.apiKey, 4)
    header.writeInt16BE(request.apiVersion, 6)
    header.writeInt32BE(correlationId, 8)
    header.writeInt16BE(clientId.length, 12)
    clientId.copy(header, 14)
    if (!expectResponse) {
      socket.write(Buffer.concat([header, bytes]))
      return Promise.resolve(Buffer.alloc(0))
    }
    return new Promise<Buffer>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.inflight.delete(correlationId)
        reject(
          new KafkaRequestTimeoutError(
            `Request ${request.apiName}(key: ${request.apiKey}, version: ${request.apiVersion}) timed out`,
            this.brokerAddress,
          ),
        )
      }, timeoutMs)
      this.inflight.set(correlationId, {
        ...request,
        sentAt: Date.now(),
        size: 0,
        resolve,
        reject,
        timer,
      })
      socket.write(Buffer.concat([header, bytes]))
    })
  }

  private async open(): Promise<void> {
    this.ready = false
    this.reauthenticateAt = undefined
    try {
      await this.openSocket()
      if (!this.versions) this.versions = await this.apiVersions()
      if (this.options.sasl) await this.authenticate(this.options.sasl)
      this.ready = true
    } catch (error) {
      const socket = this.socket
      this.drop(error as Error)
      socket?.destroy()
      throw error
    }
  }

  private openSocket(): Promise<void> {
    const {host, port, tls, connectionTimeoutMs} = this.options
    const broker = this.brokerAddress
    this.received = []
    this.receivedBytes = 0
    this.frameSize = -1
    return new Promise<void>((resolve, reject) => {
      let settled = false
      const fail = (error: Error) => {
        clearTimeout(timer)
        this.drop(error)
        if (!settled) {
          settled = true
          reject(error)
        }
      }
      const onConnect = () => {
        clearTimeout(timer)
        if (settled) return
        settled = true
        resolve()
      }
      const timer = setTimeout(() => {
        fail(new KafkaConnectionError('Connection timeout', broker))
        socket?.destroy()
      }, connectionTimeoutMs)
      let socket: Socket
      try {
        socket = tls
          ? tlsConnect({host, port, ...(isIP(host) ? {} : {servername: host}), ...tls}, onConnect)
          : netConnect({host, port}, onConnect)
      } catch (error) {
        // Options Node refuses before connecting (a key it cannot read, a bad passphrase).
        fail(new KafkaConnectionError(`Failed to connect: ${(error as Error).message}`, broker))
        return
      }
      this.socket = socket
      socket.setKeepAlive(true, 60_000)
      socket.setNoDelay(true)
      socket.on('data', (data: Buffer) => this.onData(socket, data))
      socket.on('error', (e: Error & {code?: string}) => {
        if (this.socket !== socket) return
        fail(new KafkaConnectionError(`Connection error: ${e.message}`, broker, {code: e.code}))
      })
      socket.on('close', () => {
        if (this.socket !== socket) return
        fail(new KafkaConnectionError('Closed connection', broker, {name: 'KafkaConnectionClosedError'}))
      })
    })
  }

  /** Reject everything in flight and forget the socket. */
  private drop(error: Error): void {
    this.ready = false
    this.socket = undefined
    for (const [id, p] of this.inflight) {
      clearTimeout(p.timer)
      this.inflight.delete(id)
      p.reject(error)
    }
    this.received = []
    this.receivedBytes = 0
    this.frameSize = -1
  }

  private onData(socket: Socket, data: Buffer): void {
    if (this.socket !== socket) return
    this.received.push(data)
    this.receivedBytes += data.length
    for (;;) {
      if (this.receivedBytes < 4) return
      if (this.frameSize < 0) {
        const head = this.received[0].length >= 4 ? this.received[0] : Buffer.concat(this.received)
        // A peer that is not Kafka (an HTTP server, garbage) fails the connection at once instead
        // of being waited on for a 1.2 GB "response".
        if (!looksLikeKafkaFrame(head)) {
          socket.destroy(new Error(`not a Kafka broker: it answered ${previewBytes(head)}`))
          return
        }
        this.frameSize = head.readInt32BE(0)
      }
      // Chunks are joined once the whole frame is there (a large answer comes in many chunks).
      if (this.receivedBytes < 4 + this.frameSize) return
      const buf = this.received.length === 1 ? this.received[0] : Buffer.concat(this.received, this.receivedBytes)
      const frame = buf.subarray(4, 4 + this.frameSize)
      const rest = buf.subarray(4 + this.frameSize)
      this.received = rest.length > 0 ? [rest] : []
      this.receivedBytes = rest.length
      this.frameSize = -1
      this.complete(frame)
    }
  }

  private complete(frame: Buffer): void {
    const correlationId = frame.readInt32BE(0)
    const pending = this.inflight.get(correlationId)
    if (!pending) return
    this.inflight.delete(correlationId)
    clearTimeout(pending.timer)
    this.options.onRequest?.({
      broker: this.brokerAddress,
      apiName: pending.apiName,
      apiKey: pending.apiKey,
      apiVersion: pending.apiVersion,
      duration: Date.now() - pending.sentAt,
      size: frame.length,
    })
    pending.resolve(frame.subarray(4))
  }

  /**
   * ApiVersions v3 (client software name and version); a broker that does not know v3 answers
   * UNSUPPORTED_VERSION with its own range, and the request is sent again at its highest version.
   */
  private async apiVersions(): Promise<Record<number, VersionRange>> {
    let version = 3
    for (let attempt = 0; attempt < 3; attempt++) {
      const res = await this.exchange(connectApiVersionsRequest(version, this.options.software, Encoder))
      const versions: Record<number, VersionRange> = {}
      for (const k of res.apiKeys) versions[k.apiKey] = {minVersion: k.minVersion, maxVersion: k.maxVersion}
      if (res.errorCode === UNSUPPORTED_VERSION && version > 0) {
        // As Kafka's clients do: retry at the highest version the broker offers (v0 if it offers none).
        version = Math.max(0, Math.min(versions[API_VERSIONS]?.maxVersion ?? 0, version - 1))
        continue
      }
      if (res.errorCode !== 0) {
        const type = errorName(res.errorCode)
        throw new KafkaProtocolError(type, `ApiVersions failed: ${type}`, {errorCode: res.errorCode})
      }
      return versions
    }
    throw new KafkaProtocolError(
      'UNSUPPORTED_VERSION',
      `${this.brokerAddress} answered no ApiVersions version kctl sends`,
    )
  }

  /** SaslHandshake v1 (v0 on a broker without it), then the mechanism's SaslAuthenticate exchange. */
  private async authenticate(mechanism: SaslMechanism): Promise<void> {
    const name = mechanism.name
    const handshakeVersion = Math.min(1, this.versions?.[SaslHandshakeApi.apiKey]?.maxVersion ?? 1)
    const handshake = await this.exchange(saslHandshakeRequest(handshakeVersion, name, Encoder))
    if (handshake.errorCode !== 0) {
      const type = errorName(handshake.errorCode)
      const message =
        type === 'UNSUPPORTED_SASL_MECHANISM'
          ? `The broker does not support the requested SASL mechanism (it offers ${handshake.mechanisms.join(', ') || 'none'})`
          : `SaslHandshake failed: ${type}`
      throw new KafkaProtocolError(type, message, {errorCode: handshake.errorCode})
    }
    if (!handshake.mechanisms.includes(name))
      throw new SaslAuthenticationError(`SASL ${name} mechanism is not supported by the server`)
    const range = this.versions?.[SaslAuthenticateApi.apiKey]
    if (!range) throw new SaslAuthenticationError(`SASL ${name}: the broker does not support SaslAuthenticate`)
    const version = Math.min(SaslAuthenticateApi.maxVersion, range.maxVersion)
    const exchange = async (bytes: Buffer): Promise<Buffer> => {
      const res = await this.exchange(saslAuthenticateRequest(version, bytes, Encoder))
      if (res.sessionLifetimeMs > 0n) {
        // As kafkajs did: renew when less than 10 s of the session are left (halfway for short ones).
        const lifetime = Number(res.sessionLifetimeMs)
        this.reauthenticateAt = Date.now() + Math.max(lifetime - 10_000, lifetime / 2)
      } else this.reauthenticateAt = undefined
      if (res.errorCode === SASL_AUTHENTICATION_FAILED && res.errorMessage) throw new Error(res.errorMessage)
      if (res.errorCode !== 0) {
        const type = errorName(res.errorCode)
        throw new KafkaProtocolError(type, res.errorMessage ?? type, {errorCode: res.errorCode})
      }
      return res.authBytes
    }
    await mechanism.authenticate({host: this.options.host, port: this.options.port, exchange})
  }
}

/** Kafka never frames a response this large; "HTTP" read as a size is 1.2 GB. */
const MAX_RESPONSE_SIZE = 256 * 1024 * 1024

/** Printable preview of what a non-Kafka peer sent, for the error message. */
export function previewBytes(data: Buffer): string {
  const text = data.subarray(0, 40).toString('latin1')
  const printable = [...text].filter((c) => c >= ' ' && c <= '~').length
  if (printable >= Math.min(text.length, 8) * 0.8) return JSON.stringify(text.split(/\r?\n/)[0])
  return `0x${data.subarray(0, 16).toString('hex')}`
}

/** Whether the first bytes a peer sends can start a Kafka response (a plausible INT32 size). */
export function looksLikeKafkaFrame(first: Buffer): boolean {
  if (first.length < 4) return true
  const size = first.readInt32BE(0)
  return size >= 4 && size <= MAX_RESPONSE_SIZE
}

let version: string | undefined

/**
 * kctl's version for ApiVersions' client software fields: from the nearest package.json named
 * kctl above this module (dist/ or a bundle), read once; "0" when none is found.
 */
export function kctlVersion(): string {
  if (version !== undefined) return version
  version = '0'
  let dir = dirname(fileURLToPath(import.meta.url))
  for (let i = 0; i < 5; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {name?: string; version?: string}
      if (pkg.name === 'kctl' && pkg.version && /^[a-zA-Z0-9](?:[a-zA-Z0-9.-]*[a-zA-Z0-9])?$/.test(pkg.version)) {
        version = pkg.version
        break
      }
    } catch {
      // Not here: one level up.
    }
    const up = dirname(dir)
    if (up === dir) break
    dir = up
  }
  return version
}
