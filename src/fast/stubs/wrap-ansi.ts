/** wrap-ansi, which oclif's error renderer uses and the fast path never calls (scripts/build-fast.mjs). */
export default function wrapAnsi(): never {
  throw new Error('kctl fast path: oclif error rendering is not bundled')
}
