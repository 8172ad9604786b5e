import {execFile} from 'node:child_process'
import {existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {promisify} from 'node:util'

import {ExitCode, KctlError, operationError, usageError} from '../errors.js'
import {cacheDir} from './paths.js'

const run = promisify(execFile)

/** The newest Apache Kafka 4.x release on Maven Central when this kctl was released. */
export const DEFAULT_KAFKA_VERSION = '4.4.0'
const DEPENDENCY_PLUGIN = 'org.apache.maven.plugins:maven-dependency-plugin:3.8.1'

export interface KafkaRuntime {
  version: string
  /** The JVM classpath for the broker, the storage tool and Kafka's CLI tool classes. */
  classpath: string
  /** 3.x logs through log4j 1 (reload4j), 4.x through log4j2. */
  logging: 'log4j' | 'log4j2'
  source: 'maven' | 'KAFKA_HOME'
}

export function majorVersion(version: string): number {
  return Number(version.split('.')[0])
}

export function validateKafkaVersion(version: string): void {
  if (!/^\d+\.\d+\.\d+$/.test(version)) {
    throw usageError(
      `Invalid Kafka version "${version}"`,
      `Use a release number such as ${DEFAULT_KAFKA_VERSION} or 3.9.2.`,
      'INVALID_KAFKA_VERSION',
    )
  }
  const [major, minor] = version.split('.').map(Number)
  if (major < 3 || (major === 3 && minor < 9)) {
    throw usageError(
      `Kafka ${version} is not supported by kctl local`,
      'Use 3.9.x or 4.x (KRaft with the storage tool of those releases).',
      'INVALID_KAFKA_VERSION',
    )
  }
}

/** A pom whose runtime dependencies are a broker with a logging binding and Kafka's tools. */
export function runtimePom(version: string): string {
  const logging =
    majorVersion(version) >= 4
      ? [
          ['org.apache.logging.log4j', 'log4j-slf4j-impl', '2.24.3'],
          ['org.apache.logging.log4j', 'log4j-core', '2.24.3'],
        ]
      : [['org.slf4j', 'slf4j-reload4j', '1.7.36']]
  const deps = [
    ['org.apache.kafka', 'kafka_2.13', version],
    ['org.apache.kafka', 'kafka-tools', version],
    ...logging,
    // Keep slf4j 1.7 so the binding above is the one used.
    ['org.slf4j', 'slf4j-api', '1.7.36'],
  ]
  return `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>kctl.local</groupId>
  <artifactId>kafka-runtime</artifactId>
  <version>${version}</version>
  <dependencies>
${deps.map(([g, a, v]) => `    <dependency><groupId>${g}</groupId><artifactId>${a}</artifactId><version>${v}</version></dependency>`).join('\n')}
  </dependencies>
</project>
`
}

export async function checkJava(): Promise<number> {
  let out: string
  try {
    const r = await run('java', ['-version'])
    out = `${r.stdout}${r.stderr}`
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new KctlError(
        'MISSING_DEPENDENCY',
        ExitCode.failed,
        'Java is not installed (no `java` on PATH); kctl local runs Kafka on the JVM',
        {
          hint: 'Install Java 17 or newer, e.g. `apt-get install openjdk-17-jre-headless`, or put it on PATH.',
        },
      )
    }
    throw error
  }
  const m = /version "(\d+)(?:\.(\d+))?/.exec(out)
  const major = m ? (m[1] === '1' ? Number(m[2]) : Number(m[1])) : 0
  return major
}

/**
 * Resolve Kafka's jars: from KAFKA_HOME/libs when it points at an installed Kafka, else through
 * Maven (cached in Maven's local repository; the classpath file is cached per version).
 */
export async function resolveKafkaRuntime(
  version: string,
  env: NodeJS.ProcessEnv = process.env,
  progress?: (msg: string) => void,
): Promise<KafkaRuntime> {
  if (env.KAFKA_HOME && existsSync(join(env.KAFKA_HOME, 'libs'))) {
    const libs = join(env.KAFKA_HOME, 'libs')
    const jar = readdirSync(libs).find((f) => /^kafka_2\.1[23]-[\d.]+\.jar$/.test(f))
    const homeVersion = jar ? jar.replace(/^kafka_2\.1[23]-/, '').replace(/\.jar$/, '') : version
    return {
      version: homeVersion,
      classpath: `${libs}/*`,
      logging: majorVersion(homeVersion) >= 4 ? 'log4j2' : 'log4j',
      source: 'KAFKA_HOME',
    }
  }
  validateKafkaVersion(version)
  const dir = join(cacheDir(env), 'kafka', version)
  const classpathFile = join(dir, 'classpath.txt')
  const logging = majorVersion(version) >= 4 ? 'log4j2' : 'log4j'
  if (existsSync(classpathFile)) {
    const classpath = readFileSync(classpathFile, 'utf8').trim()
    if (classpath.split(':').every((p) => existsSync(p))) return {version, classpath, logging, source: 'maven'}
  }
  mkdirSync(dir, {recursive: true})
  writeFileSync(join(dir, 'pom.xml'), runtimePom(version))
  progress?.(`Resolving Apache Kafka ${version} from Maven Central (cached in Maven's local repository)…`)
  try {
    await run(
      'mvn',
      [
        '-q',
        '-B',
        '-f',
        join(dir, 'pom.xml'),
        `${DEPENDENCY_PLUGIN}:build-classpath`,
        '-DincludeScope=runtime',
        `-Dmdep.outputFile=${classpathFile}`,
      ],
      {
        maxBuffer: 16 * 1024 * 1024,
      },
    )
  } catch (error) {
    const e = error as NodeJS.ErrnoException & {stdout?: string; stderr?: string}
    if (e.code === 'ENOENT') {
      throw new KctlError(
        'MISSING_DEPENDENCY',
        ExitCode.failed,
        'Maven is not installed (no `mvn` on PATH); kctl local resolves Kafka jars from Maven Central with it',
        {
          hint: 'Install Maven, e.g. `apt-get install maven`, or set KAFKA_HOME to an installed Kafka.',
        },
      )
    }
    const output = `${e.stdout ?? ''}${e.stderr ?? ''}`
    const notFound = /Could not find artifact|could not be resolved|Could not resolve dependencies/i.test(output)
    throw operationError(
      `Maven could not resolve Apache Kafka ${version}${notFound ? ': the artifacts were not found' : ''}`,
      {
        code: 'KAFKA_RESOLVE_FAILED',
        hint: notFound
          ? `Check the version exists on Maven Central (e.g. ${DEFAULT_KAFKA_VERSION}, 3.9.2).`
          : lastLines(output, 5),
      },
    )
  }
  return {version, classpath: readFileSync(classpathFile, 'utf8').trim(), logging, source: 'maven'}
}

function lastLines(text: string, n: number): string {
  return text.trim().split('\n').slice(-n).join(' | ')
}
