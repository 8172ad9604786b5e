#!/usr/bin/env -S node --import tsx --no-warnings
// Runs the TypeScript sources (tsx is loaded by the shebang): commands come from src/commands.
import {execute} from '@oclif/core'
import {readFileSync} from 'node:fs'

const read = (file) => JSON.parse(readFileSync(new URL(file, import.meta.url), 'utf8'))
const pjson = {...read('../package.json'), oclif: {...read('../.oclifrc.json'), commands: './src/commands'}}
await execute({
  development: true,
  dir: import.meta.url,
  loadOptions: {root: new URL('..', import.meta.url).pathname, pjson},
})
