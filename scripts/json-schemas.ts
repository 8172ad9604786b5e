/**
 * Writes schemas/<command>.json: a JSON Schema (draft 2020-12) of each command's JSON output,
 * derived from the return type of its run() with TypeScript's type checker. The result types are
 * the contract; the schemas make it checkable from outside (tests validate every JSON output).
 * `npm run schemas`; test/unit/json-schemas.test.ts fails when a schema is out of date.
 */
import {readdirSync, statSync, writeFileSync} from 'node:fs'
import {dirname, join, relative} from 'node:path'
import {fileURLToPath} from 'node:url'
import ts from 'typescript'

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const COMMANDS = join(ROOT, 'src', 'commands')
export const SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema'

type Schema = Record<string, unknown>

function commandFiles(dir = COMMANDS): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f)
    return statSync(p).isDirectory() ? commandFiles(p) : p.endsWith('.ts') ? [p] : []
  })
}

/** The command id of a file: src/commands/topics/list.ts -> topics:list (index.ts is its folder). */
export function commandId(file: string): string {
  return relative(COMMANDS, file)
    .replace(/\.ts$/, '')
    .replace(/\/index$/, '')
    .split('/')
    .join(':')
}

/** schemas/<id with - for :>.json */
export const schemaFile = (id: string) => `${id.replaceAll(':', '-')}.json`

class SchemaWriter {
  private stack = new Set<ts.Type>()
  constructor(private checker: ts.TypeChecker) {}

  schema(type: ts.Type): Schema {
    const c = this.checker
    const f = type.flags
    if (f & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return {}
    // A command that returns nothing prints no JSON: no document is valid.
    if (f & (ts.TypeFlags.Void | ts.TypeFlags.Undefined)) return {not: {}}
    if (f & ts.TypeFlags.StringLiteral) return {const: (type as ts.StringLiteralType).value}
    if (f & ts.TypeFlags.NumberLiteral) return {const: (type as ts.NumberLiteralType).value}
    if (f & ts.TypeFlags.BooleanLiteral) return {const: c.typeToString(type) === 'true'}
    if (f & ts.TypeFlags.String || f & ts.TypeFlags.TemplateLiteral) return {type: 'string'}
    if (f & ts.TypeFlags.Number) return {type: 'number'}
    if (f & (ts.TypeFlags.BigInt | ts.TypeFlags.BigIntLiteral)) return {type: 'integer'}
    if (f & ts.TypeFlags.Boolean) return {type: 'boolean'}
    if (f & ts.TypeFlags.Null) return {type: 'null'}
    if (f & ts.TypeFlags.Union) return this.union((type as ts.UnionType).types)
    if (c.isArrayType(type)) return {type: 'array', items: this.schema(c.getTypeArguments(type as ts.TypeReference)[0])}
    if (c.isTupleType(type)) {
      const items = c.getTypeArguments(type as ts.TypeReference).map((t) => this.schema(t))
      return {type: 'array', prefixItems: items, minItems: items.length, maxItems: items.length}
    }
    if (f & ts.TypeFlags.Object || f & ts.TypeFlags.Intersection) return this.object(type)
    throw new Error(`no JSON schema for the type ${c.typeToString(type)}`)
  }

  private union(types: readonly ts.Type[]): Schema {
    const present = types.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void)))
    // boolean is the union true | false
    const trueFalse = present.filter((t) => t.flags & ts.TypeFlags.BooleanLiteral)
    const rest = trueFalse.length === 2 ? present.filter((t) => !(t.flags & ts.TypeFlags.BooleanLiteral)) : present
    const schemas = [...(trueFalse.length === 2 ? [{type: 'boolean'}] : []), ...rest.map((t) => this.schema(t))]
    if (schemas.length === 1) return schemas[0]
    if (schemas.every((s) => 'const' in s)) return {enum: schemas.map((s) => s.const)}
    if (schemas.every((s) => typeof s.type === 'string' && Object.keys(s).length === 1))
      return {type: schemas.map((s) => s.type)}
    return {anyOf: schemas}
  }

  private object(type: ts.Type): Schema {
    const c = this.checker
    const name = type.getSymbol()?.getName()
    if (name === 'Date') return {type: 'string', format: 'date-time'}
    if (name === 'Map' || name === 'Set')
      throw new Error(`${c.typeToString(type)} does not survive JSON.stringify: use an object or an array`)
    if (this.stack.has(type)) return {}
    this.stack.add(type)
    try {
      const properties: Record<string, Schema> = {}
      const required: string[] = []
      for (const p of c.getPropertiesOfType(type)) {
        const decl = p.valueDeclaration ?? p.declarations?.[0]
        const t = decl ? c.getTypeOfSymbolAtLocation(p, decl) : c.getTypeOfSymbol(p)
        if (t.getCallSignatures().length > 0) continue
        properties[p.getName()] = this.schema(t)
        const optional =
          (p.flags & ts.SymbolFlags.Optional) !== 0 ||
          (t.flags & ts.TypeFlags.Union && (t as ts.UnionType).types.some((u) => u.flags & ts.TypeFlags.Undefined))
        if (!optional) required.push(p.getName())
      }
      const index = c.getIndexTypeOfType(type, ts.IndexKind.String)
      return {
        type: 'object',
        ...(Object.keys(properties).length > 0 ? {properties} : {}),
        ...(required.length > 0 ? {required} : {}),
        additionalProperties: index ? this.schema(index) : false,
      }
    } finally {
      this.stack.delete(type)
    }
  }
}

/** Every command's id and the schema of its JSON output. */
export function commandSchemas(): Map<string, Schema> {
  const files = commandFiles().sort()
  const config = ts.getParsedCommandLineOfConfigFile(
    join(ROOT, 'tsconfig.json'),
    {},
    {...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {}},
  )
  const program = ts.createProgram(files, {...config!.options, noEmit: true})
  const checker = program.getTypeChecker()
  const writer = new SchemaWriter(checker)
  const out = new Map<string, Schema>()
  for (const file of files) {
    const source = program.getSourceFile(file)!
    const cls = source.statements.find(
      (s): s is ts.ClassDeclaration =>
        ts.isClassDeclaration(s) && (ts.getCombinedModifierFlags(s) & ts.ModifierFlags.Default) !== 0,
    )
    // run() of the class or the class it extends (users update extends users create)
    const instance = cls ? checker.getDeclaredTypeOfSymbol(checker.getSymbolAtLocation(cls.name!)!) : undefined
    const run = instance?.getProperty('run')
    if (!cls || !run) throw new Error(`${relative(ROOT, file)}: no default-exported command class with run()`)
    const signature = checker.getTypeOfSymbol(run).getCallSignatures()[0]
    let result = checker.getReturnTypeOfSignature(signature)
    const awaited = checker.getAwaitedType(result)
    if (awaited) result = awaited
    const id = commandId(file)
    const summary = cls.members.find((m) => ts.isPropertyDeclaration(m) && m.name.getText(source) === 'summary') as
      ts.PropertyDeclaration | undefined
    const title =
      summary?.initializer && ts.isStringLiteralLike(summary.initializer) ? summary.initializer.text : undefined
    out.set(id, {
      $schema: SCHEMA_DIALECT,
      title: `kctl ${id.replaceAll(':', ' ')} --json`,
      ...(title ? {description: title} : {}),
      ...withWarnings(writer.schema(result)),
    })
  }
  return out
}

/**
 * What a degraded answer could not reach (docs/reliability.md): the base command adds `warnings`
 * to every object result when there is any, so every object schema declares it.
 */
const WARNINGS: Schema = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      code: {type: 'string'},
      message: {type: 'string'},
      brokers: {type: 'array', items: {type: 'number'}},
      partitions: {type: 'array', items: {type: 'string'}},
    },
    required: ['code', 'message'],
    additionalProperties: false,
  },
}

function withWarnings(schema: Schema): Schema {
  if (schema.type !== 'object' || typeof schema.properties !== 'object') return schema
  return {...schema, properties: {...(schema.properties as Record<string, Schema>), warnings: WARNINGS}}
}

export const schemaText = (schema: Schema) => `${JSON.stringify(schema, null, 2)}\n`

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const [id, schema] of commandSchemas()) writeFileSync(join(ROOT, 'schemas', schemaFile(id)), schemaText(schema))
  process.stdout.write('wrote schemas/\n')
}
