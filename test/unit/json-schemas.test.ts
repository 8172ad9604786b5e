import {Ajv2020} from 'ajv/dist/2020.js'
import {expect} from 'chai'
import {readFileSync, readdirSync} from 'node:fs'
import {join} from 'node:path'

import {ROOT, SCHEMA_DIALECT, commandSchemas, schemaFile, schemaText} from '../../scripts/json-schemas.js'

describe('JSON contract: schemas/<command>.json', function () {
  this.timeout(120_000)
  // state-file.json is the schema of state files (kctl apply's input, draft-07 for editors), not of a result.
  const files = readdirSync(join(ROOT, 'schemas')).filter((f) => f.endsWith('.json') && f !== 'state-file.json')
  let generated: Map<string, Record<string, unknown>>
  before(() => {
    // Derived from the return type of each command's run() (the type checker: a few seconds).
    generated = commandSchemas()
  })

  it('every command has a schema, and every schema a command (besides error.json)', () => {
    expect(generated.size).to.be.at.least(52)
    expect(files.filter((f) => f !== 'error.json').sort()).to.deep.equal([...generated.keys()].map(schemaFile).sort())
  })

  it('each schema is the one its result type gives (npm run schemas after changing a result type)', () => {
    const stale = [...generated]
      .filter(([id, schema]) => readFileSync(join(ROOT, 'schemas', schemaFile(id)), 'utf8') !== schemaText(schema))
      .map(([id]) => id)
    expect(stale).to.deep.equal([])
  })

  it('each schema is valid JSON Schema 2020-12 (ajv, strict)', () => {
    const ajv = new Ajv2020({strict: true, allowUnionTypes: true, validateFormats: false})
    for (const f of files) {
      const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', f), 'utf8'))
      expect(schema.$schema, f).to.equal(SCHEMA_DIALECT)
      ajv.compile(schema)
    }
  })
})
