import type {ChalkInstance} from 'chalk'

export type Style = 'bold' | 'red' | 'yellow' | 'green' | 'dim'

let chalk: ChalkInstance | undefined

/**
 * chalk costs ~10 ms to import, so only coloured output (a terminal) pays for it: the base
 * command loads it in init() when colour is on, before anything is rendered.
 */
export async function loadColors(): Promise<void> {
  if (chalk) return
  const {Chalk} = await import('chalk')
  chalk = new Chalk({level: 1})
}

/** `text` in a style when colour is on (and loaded); plain otherwise. */
export function paint(style: Style | undefined, text: string, color: boolean): string {
  return color && style && chalk ? chalk[style](text) : text
}
