import { ref } from 'vue'
import { defineStore } from 'pinia'

// Which section the window shows; any view may send the user elsewhere (an editor to the outbox).

export type Section = 'tokens' | 'outbox' | 'servers'

export const useNavigationStore = defineStore('navigation', () => {
  const section = ref<Section>('tokens')
  const go = (next: Section): void => {
    section.value = next
  }
  return { section, go }
})
