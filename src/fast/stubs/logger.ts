/** oclif's debug logger (the `debug` package, for DEBUG=...): silent on the fast path (scripts/build-fast.mjs). */
const silent = {debug() {}, error() {}, info() {}, trace() {}, warn() {}, child: () => silent, namespace: 'kctl'}

export function makeDebug(): (...args: unknown[]) => void {
  return () => {}
}

export function getLogger() {
  return silent
}

export function setLogger(): void {}
