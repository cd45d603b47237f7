// Which commands the palette lists for what is typed, best first. A command matches when its group and
// label hold every word typed, in any order; those holding the words as typed, together, come first
// ("show all" puts "Columns: Show all" above "Select all tokens shown"), then the rest in their own
// order (the screen lists its most used first).

export interface Matchable {
  group: string
  label: string
}

export function paletteMatches<C extends Matchable>(commands: readonly C[], query: string): C[] {
  const typed = query.trim().toLocaleLowerCase().replace(/\s+/g, ' ')
  const words = typed.split(' ').filter(Boolean)
  const scored = commands.flatMap((command, order) => {
    const text = `${command.group} ${command.label}`.toLocaleLowerCase()
    if (!words.every((word) => text.includes(word))) return []
    const label = command.label.toLocaleLowerCase()
    const score = label.startsWith(typed) ? 2 : text.includes(typed) ? 1 : 0
    return [{ command, order, score }]
  })
  return scored.sort((a, b) => b.score - a.score || a.order - b.order).map(({ command }) => command)
}
