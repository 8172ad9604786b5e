/**
 * Writes docs/errors.md from the error-code registry (src/error-codes.ts).
 * `npm run docs:errors`; test/unit/error-codes.test.ts fails when the file is out of date.
 */
import {writeFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

import {ERROR_CODES} from '../src/error-codes.js'
import {ExitCode} from '../src/errors.js'

export function errorsDoc(): string {
  const rows = Object.entries(ERROR_CODES).map(([code, meaning]) => `| \`${code}\` | ${meaning} |`)
  const exits = Object.entries(ExitCode).map(([name, value]) => `| ${value} | \`ExitCode.${name}\` |`)
  return `# Error codes

<!-- Generated from src/error-codes.ts by \`npm run docs:errors\`: do not edit by hand. -->

Every error kctl reports has a stable \`code\`. Under \`--json\` (or \`-o json\`) it is printed on stdout as

\`\`\`json
{"error": {"code": "TOPIC_NOT_FOUND", "exitCode": 2, "message": "...", "hint": "...", "details": {}}}
\`\`\`

(\`hint\` and \`details\` only when there are some); otherwise as \`Error: message\` and \`Hint: hint\` lines on stderr.
An error a broker returned keeps Kafka's own name as its code (e.g. \`UNKNOWN_TOPIC_OR_PARTITION\`,
\`POLICY_VIOLATION\`: see Kafka's \`Errors.java\`); the codes kctl raises itself are these:

| code | meaning |
|---|---|
${rows.join('\n')}

## Exit codes

| exit | constant |
|---|---|
${exits.join('\n')}
`
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'errors.md')
  writeFileSync(out, errorsDoc())
  process.stdout.write(`wrote ${out}\n`)
}
