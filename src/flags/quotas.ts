import * as Flags from '@oclif/core/flags'

import {type QuotaEntity, validateQuotaEntity} from '../admin/security/quotas.js'
import {usageError} from '../errors.js'

/** Entity flags of the `quotas` commands (kafka-configs' --entity-type users/clients/ips). */
export const quotaEntityFlags = {
  user: Flags.string({summary: 'User principal name (without User:).', helpGroup: 'ENTITY'}),
  'user-default': Flags.boolean({summary: 'The default user entity.', helpGroup: 'ENTITY'}),
  'client-id': Flags.string({summary: 'Client id.', helpGroup: 'ENTITY'}),
  'client-default': Flags.boolean({summary: 'The default client-id entity.', helpGroup: 'ENTITY'}),
  ip: Flags.string({summary: 'Client IP address (connection quotas).', helpGroup: 'ENTITY'}),
  'ip-default': Flags.boolean({summary: 'The default IP entity.', helpGroup: 'ENTITY'}),
}

type EntityFlags = {
  [K in keyof typeof quotaEntityFlags]?: (typeof quotaEntityFlags)[K] extends {parse: unknown} ? unknown : unknown
}

export function quotaEntityFromFlags(
  flags: Record<string, unknown> & EntityFlags,
  options: {requireOne: boolean},
): QuotaEntity {
  const entity: QuotaEntity = {}
  const part = (name: string, defaultFlag: string, key: keyof QuotaEntity) => {
    const value = flags[name] as string | undefined
    if (value !== undefined && flags[defaultFlag])
      throw usageError(`--${name} and --${defaultFlag} are exclusive`, undefined, 'INVALID_QUOTA_ENTITY')
    if (value !== undefined) entity[key] = value
    else if (flags[defaultFlag]) entity[key] = null
  }
  part('user', 'user-default', 'user')
  part('client-id', 'client-default', 'clientId')
  part('ip', 'ip-default', 'ip')
  validateQuotaEntity(entity, options)
  return entity
}
