import {randomBytes} from 'node:crypto'

/** A name unique to this test run (topics, groups, users). */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`
}

/**
 * Poll until `check` returns a truthy value (returned) or the timeout passes (throws the last
 * failure). The one place tests wait: never a fixed sleep.
 */
export async function waitFor<T>(
  check: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  options: {timeoutMs?: number; intervalMs?: number; what?: string} = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000)
  let lastError: unknown
  for (;;) {
    try {
      const value = await check()
      if (value) return value
    } catch (error) {
      lastError = error
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out waiting for ${options.what ?? 'condition'}${lastError ? `: ${(lastError as Error).message}` : ''}`,
      )
    }
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 200))
  }
}
