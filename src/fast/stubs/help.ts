/** oclif's help loader and flag usages, which the fast path never calls (scripts/build-fast.mjs). */
export function loadHelpClass(): never {
  throw new Error('kctl fast path: oclif help is not bundled')
}

export function flagUsages(): never {
  throw new Error('kctl fast path: oclif help is not bundled')
}
