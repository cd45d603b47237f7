import { ref } from 'vue'
import { defineStore } from 'pinia'
import type { Profile } from '@shared/domain/profile'
import type { Result } from '@shared/result'
import { useBridge } from '@renderer/bridge/use-bridge'
import { useProfilesStore } from './profiles'

// "Try the demo server": main runs the demo gateway, saves the demo server and makes it active. The
// profiles store hears of it by main's event; reading the list once more covers an event that the
// answer overtook, so the tokens view opens on the demo at once.

export const useDemoStore = defineStore('demo', () => {
  const api = useBridge()
  const profiles = useProfilesStore()
  const starting = ref(false)

  async function start(): Promise<Result<Profile>> {
    starting.value = true
    try {
      const result = await api.demo.start()
      if (result.ok) await profiles.hydrate()
      return result
    } finally {
      starting.value = false
    }
  }

  return { starting, start }
})
