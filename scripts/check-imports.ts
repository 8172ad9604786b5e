/**
 * The import rules of src/ (docs/development.md, "Layers"): no import cycles between modules, and no
 * import that runs up the layers (e.g. a service importing a command). Uses TypeScript's parser.
 * `npm run check:imports`; exits 1 and lists each violation.
 */
import {readFileSync, readdirSync, statSync} from 'node:fs'
import {dirname, join, relative, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'
import ts from 'typescript'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const SRC = join(ROOT, 'src')

/** Which areas (a folder of src/, or a top-level module) each area may import. */
export const ALLOWED: Record<string, string[]> = {
  'error-codes': [],
  errors: ['error-codes'],
  protocol: ['errors'],
  input: ['errors', 'prompts'],
  output: ['errors', 'input'],
  prompts: ['errors', 'input', 'output'],
  connection: ['errors', 'protocol', 'input'],
  admin: ['errors', 'protocol', 'connection', 'input'],
  local: ['errors', 'connection', 'admin', 'input'],
  flags: ['errors', 'input', 'admin'],
  cli: ['errors', 'admin', 'output', 'input', 'flags', 'connection', 'prompts', 'base-command'],
  // The base command composes its parts in cli/ (deadline, safety, command-output, ...); a family's base
  // command in cli/ extends it in turn (the module-cycle check keeps the two apart).
  'base-command': ['errors', 'connection', 'input', 'output', 'prompts', 'admin', 'cli'],
  commands: [
    'errors',
    'error-codes',
    'admin',
    'output',
    'input',
    'flags',
    'cli',
    'connection',
    'local',
    'prompts',
    'base-command',
    'completion',
  ],
  // The start-up fast path: a bundle entry over the hot commands (src/fast/main.ts).
  fast: ['commands'],
  hooks: ['errors', 'input', 'output'],
  completion: ['errors', 'input', 'connection', 'admin', 'local'],
}

/**
 * Imports allowed to break the rules (none today: no command imports another, services never
 * import views). The list may only shrink: a new violation fails.
 */
export const KNOWN_VIOLATIONS = new Set<string>([])

/** Cycles known today (a view importing its command's result type); to go with the layout work. */
export const KNOWN_CYCLES = new Set<string>([])

interface Edge {
  from: string
  to: string
  typeOnly: boolean
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f)
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : []
  })
}

/** Relative imports of one file (static, re-exports and dynamic `import()`), resolved to src/ paths. */
export function importsOf(file: string, text = readFileSync(file, 'utf8')): Edge[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS)
  const edges: Edge[] = []
  const add = (specifier: string, typeOnly: boolean) => {
    if (!specifier.startsWith('.')) return
    const target = resolve(dirname(file), specifier).replace(/\.js$/, '.ts')
    edges.push({from: relative(SRC, file), to: relative(SRC, target), typeOnly})
  }
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause
      const typeOnly =
        Boolean(clause?.isTypeOnly) ||
        Boolean(
          clause &&
          !clause.name &&
          clause.namedBindings &&
          ts.isNamedImports(clause.namedBindings) &&
          clause.namedBindings.elements.length > 0 &&
          clause.namedBindings.elements.every((e) => e.isTypeOnly),
        )
      add(node.moduleSpecifier.text, typeOnly)
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier.text, node.isTypeOnly)
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      add(node.arguments[0].text, false)
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return edges
}

/** The area of a src/ path: its first folder, or the module name for a top-level file. */
export const areaOf = (path: string) => (path.includes('/') ? path.split('/')[0] : path.replace(/\.ts$/, ''))

/**
 * Cycles among imports, type-only ones included (they vanish at run time, but a cycle of types is
 * still two modules that cannot be understood apart), each as a path a -> b -> a.
 */
export function findCycles(edges: Edge[]): string[][] {
  const graph = new Map<string, string[]>()
  for (const e of edges) graph.set(e.from, [...(graph.get(e.from) ?? []), e.to])
  const cycles: string[][] = []
  const state = new Map<string, 'active' | 'done'>()
  const stack: string[] = []
  const visit = (node: string) => {
    state.set(node, 'active')
    stack.push(node)
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'active') cycles.push([...stack.slice(stack.indexOf(next)), next])
      else if (!state.has(next)) visit(next)
    }
    stack.pop()
    state.set(node, 'done')
  }
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node)
  return cycles
}

export function checkImports(): string[] {
  const edges = sources(SRC).flatMap((f) => importsOf(f))
  const problems: string[] = []
  const seen = new Set<string>()
  for (const e of edges) {
    const from = areaOf(e.from)
    const to = areaOf(e.to)
    const key = `${e.from} -> ${e.to}`
    if (seen.has(key)) continue
    seen.add(key)
    const allowed = ALLOWED[from]
    if (!allowed)
      problems.push(`${e.from}: the area "${from}" has no import rule (add it to ALLOWED in scripts/check-imports.ts)`)
    const upward = from !== to && allowed !== undefined && !allowed.includes(to)
    const commandToCommand = from === 'commands' && to === 'commands'
    if ((upward || commandToCommand) && !KNOWN_VIOLATIONS.has(key)) {
      problems.push(
        `${key}: ${from} may not import ${to}${commandToCommand ? ' (share it from src/cli or src/admin)' : ''}`,
      )
    }
  }
  for (const known of KNOWN_VIOLATIONS) {
    if (!seen.has(known)) problems.push(`${known}: fixed; remove it from KNOWN_VIOLATIONS in scripts/check-imports.ts`)
  }
  const cycles = findCycles(edges).map((c) => c.join(' -> '))
  for (const cycle of cycles) if (!KNOWN_CYCLES.has(cycle)) problems.push(`import cycle: ${cycle}`)
  for (const known of KNOWN_CYCLES)
    if (!cycles.includes(known))
      problems.push(`${known}: fixed; remove it from KNOWN_CYCLES in scripts/check-imports.ts`)
  return problems
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const problems = checkImports()
  for (const p of problems) process.stderr.write(`${p}\n`)
  if (problems.length > 0) process.exit(1)
  process.stdout.write('imports: no cycles, no upward imports\n')
}
