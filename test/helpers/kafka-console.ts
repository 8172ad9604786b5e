import {spawn} from 'node:child_process'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'

import {testCluster} from './cluster.js'

/** Run one of Kafka's tool classes with `input` on stdin (the console producer reads records there). */
export function kafkaToolWithInput(
  mainClass: string,
  args: string[],
  input: string,
  timeoutMs = 90_000,
): Promise<{code: number; stdout: string; stderr: string}> {
  const state = JSON.parse(readFileSync(join(testCluster().dir, 'state.json'), 'utf8'))
  return new Promise((resolve, reject) => {
    const child = spawn('java', ['-cp', state.classpath, mainClass, ...args], {stdio: ['pipe', 'pipe', 'pipe']})
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`${mainClass} did not finish within ${timeoutMs}ms: ${stderr}`))
    }, timeoutMs)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({code: code ?? -1, stdout, stderr})
    })
    child.stdin.end(input)
  })
}

/** Kafka's console producer: `key<TAB>value` lines, with a compression codec. */
export async function consoleProduce(topic: string, lines: string[], compression = 'none'): Promise<void> {
  const r = await kafkaToolWithInput(
    'org.apache.kafka.tools.ConsoleProducer',
    [
      '--bootstrap-server',
      testCluster().bootstrap.split(',')[0],
      '--topic',
      topic,
      '--compression-codec',
      compression,
      '--reader-property',
      'parse.key=true',
      '--reader-property',
      'key.separator=\t',
    ],
    `${lines.join('\n')}\n`,
  )
  if (r.code !== 0) throw new Error(`ConsoleProducer (${compression}) failed: ${r.stderr}`)
}

/** Kafka's console consumer: every record of the topic as `partition<TAB>key<TAB>value<TAB>headers` lines. */
export async function consoleConsume(topic: string, maxMessages: number): Promise<string[]> {
  const r = await kafkaToolWithInput(
    'org.apache.kafka.tools.consumer.ConsoleConsumer',
    [
      '--bootstrap-server',
      testCluster().bootstrap.split(',')[0],
      '--topic',
      topic,
      '--from-beginning',
      '--max-messages',
      String(maxMessages),
      '--timeout-ms',
      '30000',
      '--formatter-property',
      'print.partition=true',
      '--formatter-property',
      'print.key=true',
      '--formatter-property',
      'print.headers=true',
      '--formatter-property',
      'print.value=true',
    ],
    '',
  )
  return r.stdout.split('\n').filter((l) => l !== '')
}
