// Builds dist/bundle/: the start-up fast path of the everyday read commands (src/fast/main.ts) as
// one ES module (plus chunks for what its commands import lazily), with oclif's parser and flags
// inside and src/fast/command.ts in place of oclif's Command. Run by `npm run build` after tsc.
import {build} from 'esbuild'
import {rmSync, writeFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'

const stub = (name) => fileURLToPath(new URL(`../dist/fast/stubs/${name}.js`, import.meta.url))

/**
 * oclif's flags, parser and errors modules reach its help renderer, error handler, logger and
 * spinners (and through them its config loader, ejs, TypeScript detection, debug, wrap-ansi): the
 * fast path uses none of them (it parses, and kctl reports errors itself), so those imports
 * resolve to small stand-ins in src/fast/stubs/, which fail loudly where they must never be called.
 */
const STUBS = [
  {request: /^\.\/handle$/, importer: /@oclif[\\/]core[\\/]lib[\\/]errors[\\/]index\.js$/, stub: 'handle'},
  {request: /^\.\/help$/, importer: /@oclif[\\/]core[\\/]lib[\\/](flags|parser[\\/]index)\.js$/, stub: 'help'},
  {request: /^(\.\.\/)+logger$/, importer: /@oclif[\\/]core[\\/]lib[\\/]/, stub: 'logger'},
  {request: /^wrap-ansi$/, importer: /@oclif[\\/]core[\\/]lib[\\/]errors[\\/]/, stub: 'wrap-ansi'},
  {request: /^clean-stack$/, importer: /@oclif[\\/]core[\\/]lib[\\/]errors[\\/]/, stub: 'clean-stack'},
]
const oclifStubs = {
  name: 'oclif-stubs',
  setup(b) {
    for (const {request, importer, stub: name} of STUBS)
      b.onResolve({filter: request}, (args) => (importer.test(args.importer) ? {path: stub(name)} : undefined))
  },
}

const outdir = fileURLToPath(new URL('../dist/bundle', import.meta.url))
rmSync(outdir, {recursive: true, force: true})
const result = await build({
  entryPoints: [fileURLToPath(new URL('../dist/fast/main.js', import.meta.url))],
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outdir,
  alias: {'@oclif/core/command': fileURLToPath(new URL('../dist/fast/command.js', import.meta.url))},
  plugins: [oclifStubs],
  metafile: true,
  logLevel: 'warning',
  // oclif's modules are CommonJS and require Node's built-ins.
  banner: {
    js: "import {createRequire as __kctlRequire} from 'node:module'; const require = __kctlRequire(import.meta.url);",
  },
})
if (process.env.KCTL_BUNDLE_META) writeFileSync(process.env.KCTL_BUNDLE_META, JSON.stringify(result.metafile))
