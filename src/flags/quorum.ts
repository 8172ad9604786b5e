import * as Flags from '@oclif/core/flags'

import {parseControllerEndpoint, parseDirectoryId} from '../input/quorum.js'
import {brokerIdFlag} from './values.js'

/** Flags of `kctl cluster quorum add-controller|remove-controller`, validated while oclif parses. */
export const controllerIdFlag = brokerIdFlag({
  summary: 'The controller (node) id (kafka-metadata-quorum names it so; --id for short).',
  aliases: ['id'],
})

export const directoryIdFlag = Flags.custom<string>({
  summary:
    "The controller's metadata log directory id (DIRECTORY ID in `kctl cluster quorum describe`; --directory-id for short).",
  aliases: ['directory-id'],
  parse: async (input, _ctx, opts) => parseDirectoryId(input, `--${opts.name}`),
})

export const endpointFlag = Flags.custom<{name: string; host: string; port: number}>({
  summary: "The new voter's controller listener, NAME://host:port (repeatable).",
  parse: async (input, _ctx, opts) => parseControllerEndpoint(input, `--${opts.name}`),
  multiple: true,
})
