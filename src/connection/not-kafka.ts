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
