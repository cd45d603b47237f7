import { AppError } from '@shared/result'

// Server names are how the user tells servers apart (the header, the outbox, alerts): no two alike,
// compared as a person would read them (case, width and surrounding spaces do not make a name new).

/** A name as a person reads it: two names with the same key are the same name. */
export const nameKey = (name: string): string => name.normalize('NFKC').trim().toLocaleLowerCase()

export function isNameTaken(name: string, names: readonly string[]): boolean {
  const wanted = nameKey(name)
  return names.some((other) => nameKey(other) === wanted)
}

/** Refuses a name another saved server has, marking the name field. */
export function requireFreeName(name: string, others: readonly string[]): void {
  if (isNameTaken(name, others)) {
    throw new AppError('validation', `Another server is already called "${name}".`, {
      fields: [{ path: 'name', key: 'profileName.taken' }],
    })
  }
}

/** The longest server name (profileNameSchema). */
const MAX_NAME = 80

/**
 * The first free name of the form "name (2)", "name (3)" … for a copy or an imported duplicate, never
 * longer than a name may be (`max` characters: a server's by default; templates name theirs the same way).
 */
export function freeName(name: string, names: readonly string[], max = MAX_NAME): string {
  if (!isNameTaken(name, names)) return name
  const base = name.replace(/ \(\d+\)$/, '')
  for (let n = 2; ; n += 1) {
    const suffix = ` (${n})`
    const candidate = `${[...base]
      .slice(0, max - suffix.length)
      .join('')
      .trimEnd()}${suffix}`
    if (!isNameTaken(candidate, names)) return candidate
  }
}
