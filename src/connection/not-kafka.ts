import type {Socket} from 'node:net'

/** Kafka never frames a response this large; "HTTP" read as a size is 1.2 GB. */
const MAX_RESPONSE_SIZE = 256 * 1024 * 1024

type SocketFactory = (args: {host: string; port: number; ssl: unknown; onConnect: () => void}) => Socket

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

/**
 * Wrap kafkajs's socket factory so that a peer that is not Kafka (an HTTP server, a socket that
 * sends garbage) fails the connection at once with "not a Kafka broker", instead of kafkajs
 * waiting for a 1.2 GB "response" until the request times out.
 */
export function notKafkaSocketFactory(inner: unknown): SocketFactory {
  const factory = inner as SocketFactory
  return (args) => {
    const socket = factory(args)
    let head = Buffer.alloc(0)
    let verdict: 'unknown' | 'kafka' | 'not-kafka' = 'unknown'
    const judge = (data: Buffer) => {
      if (verdict !== 'unknown') return
      head = Buffer.concat([head, data])
      if (head.length < 4) return
      verdict = looksLikeKafkaFrame(head) ? 'kafka' : 'not-kafka'
      if (verdict === 'not-kafka') socket.destroy(new Error(`not a Kafka broker: it answered ${previewBytes(head)}`))
    }
    // kafkajs's reader must never see a non-Kafka peer's bytes (a negative "size" crashes it):
    // its 'data' listener is wrapped so the first bytes are judged before it runs.
    const on = socket.on.bind(socket)
    socket.on = ((event: string, listener: (...a: unknown[]) => void) => {
      if (event !== 'data') return on(event, listener)
      return on('data', (data: Buffer) => {
        judge(data)
        if (verdict !== 'not-kafka') listener(data)
      })
    }) as typeof socket.on
    return socket
  }
}
