import { ref } from 'vue'
import { defineStore } from 'pinia'
import type { AppInfo } from '@shared/contract/contract'
import { useBridge } from '@renderer/bridge/use-bridge'

// What main says about the app once per run: version, host, the OS (for OS-specific advice) and the
// data folder (where set-aside files are).

export const useAppInfoStore = defineStore('app-info', () => {
  const api = useBridge()
  const info = ref<AppInfo | null>(null)
  let loading: Promise<void> | null = null

  function load(): Promise<void> {
    loading ??= api.app.info().then((result) => {
      if (result.ok) info.value = result.value
      else loading = null
    })
    return loading
  }

  return { info, load }
})
