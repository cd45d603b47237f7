import { ref } from 'vue'
import { defineStore } from 'pinia'

// Which section the window shows; any view may send the user elsewhere (an editor to the outbox). The
// native menu may also ask for one of the tokens screen's own commands: it is kept here until that
// screen is shown and runs it (once).

export type Section = 'tokens' | 'outbox' | 'watch' | 'servers'

/** Commands of the tokens screen that can be asked for from outside it. */
export type TokensCommand = 'new-token' | 'search'

export const useNavigationStore = defineStore('navigation', () => {
  const section = ref<Section>('tokens')
  const pendingCommand = ref<TokensCommand | null>(null)
  const go = (next: Section): void => {
    section.value = next
  }
  /** Shows the tokens screen and has it run `command`. */
  const ask = (command: TokensCommand): void => {
    section.value = 'tokens'
    pendingCommand.value = command
  }
  /** The command asked for, handed over once. */
  const take = (): TokensCommand | null => {
    const command = pendingCommand.value
    pendingCommand.value = null
    return command
  }
  return { section, pendingCommand, go, ask, take }
})
