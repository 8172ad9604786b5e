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

/** Kafka's ConfigCommand (kafka-configs) against the test cluster: org.apache.kafka.tools from 4.4, kafka.admin before. */
export async function kafkaConfigs(args: string[]): Promise<string> {
  const all = ['--bootstrap-server', testCluster().bootstrap.split(',')[0], ...args]
  try {
    return await kafkaTool('org.apache.kafka.tools.ConfigCommand', all)
  } catch (error) {
    if (!/ClassNotFound|Could not find or load main class/.test((error as Error).message)) throw error
    return kafkaTool('kafka.admin.ConfigCommand', all)
  }
}

/** The dynamic overrides of an entity as kafka-configs prints them (`key=value` lines). */
export async function kafkaConfigsOverrides(
  entityType: 'topics' | 'brokers' | 'groups' | 'client-metrics',
  entity: string | 'default',
): Promise<Record<string, string>> {
  const out = await kafkaConfigs([
    '--describe',
    '--entity-type',
    entityType,
    ...(entity === 'default' ? ['--entity-default'] : ['--entity-name', entity]),
  ])
  const result: Record<string, string> = {}
  for (const m of out.matchAll(/^\s+([\w.$-]+)=(.*?) sensitive=/gm)) result[m[1]] = m[2]
  return result
}

/** `--bootstrap-server` for Kafka's admin tools: the test cluster's first PLAINTEXT address. */
export function bootstrapServer(): string[] {
  return ['--bootstrap-server', testCluster().bootstrap.split(',')[0]]
}
