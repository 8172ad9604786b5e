/** oclif's error handler, which the fast path never calls (scripts/build-fast.mjs). */
export function handle(): never {
  throw new Error('kctl fast path: oclif error handler not bundled')
}
