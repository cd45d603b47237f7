import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { useMessage } from 'naive-ui'
import type { AppFolder } from '@shared/domain/app-command'
import { useBridge } from '@renderer/bridge/use-bridge'
import { useErrorText } from './use-error-text'

// Opens TokenDesk's data or logs folder (main chooses the path; the desktop app opens it in the file
// manager). The browser host opens nothing — its page may not even be on that machine's desktop — so the
// path is shown instead, and kept for the Servers screen to display.

export function useAppFolders() {
  const api = useBridge()
  const { t } = useI18n()
  const message = useMessage()
  const errorText = useErrorText()
  const shown = ref<Partial<Record<AppFolder, string>>>({})

  async function open(kind: AppFolder): Promise<void> {
    const result = await api.app.openFolder({ kind })
    if (!result.ok) {
      message.error(errorText.message(result.error))
      return
    }
    shown.value = { ...shown.value, [kind]: result.value.path }
    if (!result.value.opened)
      message.info(t(kind === 'data' ? 'folders.data' : 'folders.logs', { path: result.value.path }))
  }

  return { open, shown }
}
