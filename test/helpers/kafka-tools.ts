import {execFile} from 'node:child_process'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'

import {testCluster} from './cluster.js'

/** Run one of Kafka's own CLI tool classes against the test cluster (an independent read path). */
export function kafkaTool(mainClass: string, args: string[]): Promise<string> {
  const state = JSON.parse(readFileSync(join(testCluster().dir, 'state.json'), 'utf8'))
  return new Promise((resolve, reject) => {
    execFile(
      'java',
      ['-cp', state.classpath, mainClass, ...args],
      {encoding: 'utf8', maxBuffer: 64 * 1024 * 1024},
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${mainClass} ${args.join(' ')} failed: ${stderr || error.message}`))
        else resolve(stdout)
      },
    )
  })
}

/**
 * The dynamic overrides of an entity as kafka-configs prints them (`key=value` lines), read by
 * Kafka's ConfigCommand: org.apache.kafka.tools from 4.4, kafka.admin before.
 */
export async function kafkaConfigsOverrides(
  entityType: 'topics' | 'brokers',
  entity: string | 'default',
): Promise<Record<string, string>> {
  const c = testCluster()
  const args = [
    '--bootstrap-server',
    c.bootstrap.split(',')[0],
    '--describe',
    '--entity-type',
    entityType,
    ...(entity === 'default' ? ['--entity-default'] : ['--entity-name', entity]),
  ]
  let out: string
  try {
    out = await kafkaTool('org.apache.kafka.tools.ConfigCommand', args)
  } catch (error) {
    if (!/ClassNotFound|Could not find or load main class/.test((error as Error).message)) throw error
    out = await kafkaTool('kafka.admin.ConfigCommand', args)
  }
  const result: Record<string, string> = {}
  for (const m of out.matchAll(/^\s+([\w.$-]+)=(.*?) sensitive=/gm)) result[m[1]] = m[2]
  return result
}
