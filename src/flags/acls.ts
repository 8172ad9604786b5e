import * as Flags from '@oclif/core/flags'

/** Resource flags shared by the `acls` commands (Kafka's kafka-acls names). */
export const resourceFlags = {
  topic: Flags.string({summary: 'Topic name (repeatable; * for all topics).', multiple: true, helpGroup: 'RESOURCE'}),
  group: Flags.string({
    summary: 'Consumer group id (repeatable; * for all groups).',
    multiple: true,
    helpGroup: 'RESOURCE',
  }),
  cluster: Flags.boolean({summary: 'The cluster resource.', helpGroup: 'RESOURCE'}),
  'transactional-id': Flags.string({
    summary: 'Transactional id (repeatable; * for all).',
    multiple: true,
    helpGroup: 'RESOURCE',
  }),
  'delegation-token': Flags.string({
    summary: 'Delegation token id (repeatable; * for all).',
    multiple: true,
    helpGroup: 'RESOURCE',
  }),
  'resource-type': Flags.string({
    summary: 'Resource type: topic, group, cluster, transactional-id, delegation-token (with --resource-name).',
    helpGroup: 'RESOURCE',
  }),
  'resource-name': Flags.string({summary: 'Resource name for --resource-type.', helpGroup: 'RESOURCE'}),
}

/** Filters of `acls list` and `acls delete`. */
export const filterFlags = {
  ...resourceFlags,
  principal: Flags.string({
    summary: 'Only bindings of this principal, e.g. User:alice (repeatable).',
    multiple: true,
    helpGroup: 'FILTER',
  }),
  operation: Flags.string({
    summary: 'Only these operations (repeatable), e.g. read, describe-configs.',
    multiple: true,
    helpGroup: 'FILTER',
  }),
  permission: Flags.string({summary: 'Only allow or deny bindings.', helpGroup: 'FILTER'}),
  host: Flags.string({
    summary: 'Only bindings for this host (repeatable; * is the any-host binding).',
    multiple: true,
    helpGroup: 'FILTER',
  }),
}

/** Kafka's --add/--remove entry flags. */
export const entryFlags = {
  'allow-principal': Flags.string({
    summary: 'Principal to allow, e.g. User:alice (repeatable).',
    multiple: true,
    helpGroup: 'BINDING',
  }),
  'deny-principal': Flags.string({summary: 'Principal to deny (repeatable).', multiple: true, helpGroup: 'BINDING'}),
  'allow-host': Flags.string({
    summary: 'IP address the allowed principals may connect from (repeatable; default *).',
    multiple: true,
    helpGroup: 'BINDING',
  }),
  'deny-host': Flags.string({
    summary: 'IP address the denied principals are denied from (repeatable; default *).',
    multiple: true,
    helpGroup: 'BINDING',
  }),
  producer: Flags.boolean({
    summary: 'Producer bindings: WRITE, DESCRIBE, CREATE on the topics (and WRITE, DESCRIBE on --transactional-id).',
    helpGroup: 'BINDING',
  }),
  idempotent: Flags.boolean({summary: 'With --producer: also IDEMPOTENT_WRITE on the cluster.', helpGroup: 'BINDING'}),
  consumer: Flags.boolean({
    summary: 'Consumer bindings: READ, DESCRIBE on the topics and READ on the --group.',
    helpGroup: 'BINDING',
  }),
}

/** literal|prefixed|match|any for filters; the default differs per command (shown in help). */
export const patternFilterFlag = (defaultValue: string) =>
  Flags.string({
    summary: `Pattern type to match: literal, prefixed, match (everything that applies to the name) or any. Default: ${defaultValue}.`,
    helpGroup: 'RESOURCE',
  })

export const patternTypeFlag = Flags.string({
  summary: 'Pattern type of the new bindings: literal (default) or prefixed.',
  helpGroup: 'RESOURCE',
})
