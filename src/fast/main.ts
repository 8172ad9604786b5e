import BrokersList from '../commands/brokers/list.js'
import ClusterDescribe from '../commands/cluster/describe.js'
import GroupsDescribe from '../commands/groups/describe.js'
import GroupsList from '../commands/groups/list.js'
import LagCheck from '../commands/lag/check.js'
import Lag from '../commands/lag/index.js'
import TopicsDescribe from '../commands/topics/describe.js'
import TopicsList from '../commands/topics/list.js'
import type {Command, LiteConfig} from './command.js'

type FastCommand = (new (argv: string[], config: LiteConfig) => Command) & typeof Command

/**
 * The start-up fast path of the everyday read commands (docs/benchmarks.md, "startup"). `npm run
 * build` bundles this module into dist/bundle/main.js (scripts/build-fast.mjs) with oclif's parser
 * and flags inside and src/fast/command.ts in place of oclif's Command, so these commands start
 * without oclif's config, plugin loader and help, and without resolving a hundred module files.
 * bin/run.js sends a command here when its id is one of these and no `--help`, `-h` or `--` is on
 * the command line; everything else (and every command under KCTL_NO_FAST=1) goes through oclif.
 * The commands are the same classes either way: same flags, parser, messages and exit codes.
 */
export const FAST_COMMANDS = {
  'brokers:list': BrokersList,
  'cluster:describe': ClusterDescribe,
  'groups:describe': GroupsDescribe,
  'groups:list': GroupsList,
  lag: Lag,
  'lag:check': LagCheck,
  'topics:describe': TopicsDescribe,
  'topics:list': TopicsList,
} as unknown as Record<string, FastCommand>

/** Run command `id` (oclif's form, `topics:list`) with the arguments after its name. */
export async function runFast(id: string, argv: string[]): Promise<void> {
  const Cmd = FAST_COMMANDS[id]
  Cmd.id = id
  const config: LiteConfig = {bin: 'kctl', scopedEnvVar: (name) => process.env[`KCTL_${name}`]}
  await new Cmd(argv, config)._run()
}
