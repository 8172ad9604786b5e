import {expect} from 'chai'

import {areaOf, checkImports, findCycles, importsOf} from '../../scripts/check-imports.js'

describe('import rules (scripts/check-imports.ts)', () => {
  it('src/ has no import cycles and no imports up the layers', () => {
    expect(checkImports()).to.deep.equal([])
  })

  it('finds a cycle, type-only imports included', () => {
    const e = (from: string, to: string, typeOnly = false) => ({from, to, typeOnly})
    expect(findCycles([e('a.ts', 'b.ts'), e('b.ts', 'a.ts', true), e('b.ts', 'c.ts')])).to.deep.equal([
      ['a.ts', 'b.ts', 'a.ts'],
    ])
    expect(findCycles([e('a.ts', 'b.ts'), e('b.ts', 'c.ts')])).to.deep.equal([])
  })

  it('reads static, type-only, re-exported and dynamic imports', () => {
    const text =
      "import {a} from './x.js'\nimport type {T} from '../errors.js'\nexport {b} from './y.js'\nconst m = await import('./z.js')\nimport chalk from 'chalk'\n"
    const edges = importsOf(`${process.cwd()}/src/admin/f.ts`, text)
    expect(edges.map((x) => [x.to, x.typeOnly])).to.deep.equal([
      ['admin/x.ts', false],
      ['errors.ts', true],
      ['admin/y.ts', false],
      ['admin/z.ts', false],
    ])
    expect(areaOf('admin/x.ts')).to.equal('admin')
    expect(areaOf('errors.ts')).to.equal('errors')
  })
})
