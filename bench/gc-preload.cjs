// Loaded into the watching kctl by bench/watch-memory.ts (node --expose-gc --require): before each
// refresh is printed, collect garbage and report the heap still in use (what the watch retains).
const write = process.stdout.write.bind(process.stdout)
process.stdout.write = (chunk, ...rest) => {
  if (typeof globalThis.gc === 'function' && String(chunk).includes('refresh #')) {
    globalThis.gc()
    process.stderr.write(`heap-after-gc ${process.memoryUsage().heapUsed}\n`)
  }
  return write(chunk, ...rest)
}
