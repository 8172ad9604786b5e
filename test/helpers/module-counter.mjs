// Preloaded into a kctl process (`node --import`) by the start-up module budget test: writes the
// file of every JavaScript/JSON module the process loaded, one per line, to KCTL_MODULE_LIST.
// ES modules are seen by a loader hook (which appends synchronously, so none is lost at exit),
// CommonJS modules (including everything they require) by the require cache at exit.
import {appendFileSync} from 'node:fs'
import {createRequire, register} from 'node:module'
import {fileURLToPath} from 'node:url'

const out = process.env.KCTL_MODULE_LIST
if (out) {
  const hook = `
    import {appendFileSync} from 'node:fs'
    let out
    export function initialize(data) { out = data.out }
    export async function load(url, context, next) {
      if (url.startsWith('file:')) appendFileSync(out, url + '\\n')
      return next(url, context)
    }`
  register(`data:text/javascript,${encodeURIComponent(hook)}`, {data: {out}})
  const Module = createRequire(import.meta.url)('node:module')
  const self = fileURLToPath(import.meta.url)
  process.on('exit', () => {
    const files = Object.keys(Module._cache).filter((f) => f !== self)
    appendFileSync(out, files.map((f) => `file://${f}\n`).join(''))
  })
}
