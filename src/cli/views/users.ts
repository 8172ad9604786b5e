import type {ScramChange, ScramUser} from '../../admin/security/users.js'
import type {View} from '../../output/format.js'

export interface UserListResult {
  users: ScramUser[]
}

export const usersView: View<UserListResult> = {
  columns: [
    {key: 'user', header: 'USER'},
    {key: 'mechanism', header: 'MECHANISM'},
    {key: 'iterations', header: 'ITERATIONS', align: 'right'},
  ],
  rows: (d) => d.users.flatMap((u) => u.credentials.map((c) => ({user: u.name, ...c}))),
  empty: 'No SCRAM users.',
}

export const changeView: View<ScramChange | {changes: ScramChange[]}> = {
  columns: [
    {key: 'user', header: 'USER'},
    {key: 'mechanism', header: 'MECHANISM'},
    {key: 'iterations', header: 'ITERATIONS', align: 'right'},
    {key: 'action', header: 'ACTION'},
  ],
  rows: (d) => ('changes' in d ? d.changes : [d]).map((c) => ({...c})),
  empty: 'Nothing changed.',
  footer: (d) =>
    'dryRun' in d && d.dryRun
      ? [
          '',
          `Dry run: the ${'changes' in d && d.changes.length === 1 ? 'credential' : 'credentials'} above would be deleted; nothing was changed.`,
        ]
      : [],
}
