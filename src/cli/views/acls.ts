import type {AclBinding} from '../../input/acl.js'
import type {Column, OutputFormat, View} from '../../output/format.js'

export const BINDING_COLUMNS: Column[] = [
  {key: 'resourceType', header: 'RESOURCE TYPE'},
  {key: 'resourceName', header: 'NAME'},
  {key: 'patternType', header: 'PATTERN'},
  {key: 'principal', header: 'PRINCIPAL'},
  {key: 'host', header: 'HOST'},
  {key: 'operation', header: 'OPERATION'},
  {key: 'permission', header: 'PERMISSION', color: (v) => (v === 'DENY' ? 'red' : 'green')},
]

/** Bindings sorted by resource; in tables the resource is printed once per group. */
export function bindingsView<R>(
  format: OutputFormat,
  empty: string,
  pick: (d: R) => AclBinding[] = (d) => (d as {bindings: AclBinding[]}).bindings,
): View<R> {
  const grouped = format === 'table' || format === 'wide'
  return {
    columns: BINDING_COLUMNS,
    rows: (d) => {
      let previous = ''
      return pick(d).map((b) => {
        const resource = `${b.resourceType}\u0000${b.resourceName}\u0000${b.patternType}`
        const repeat = grouped && resource === previous
        previous = resource
        return repeat ? {...b, resourceType: '', resourceName: '', patternType: ''} : {...b}
      })
    },
    empty,
  }
}
