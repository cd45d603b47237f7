import { onScopeDispose } from 'vue'
import type { AppCommand } from '@shared/domain/app-command'
import { useBridge } from '@renderer/bridge/use-bridge'
import { useNavigationStore } from '@renderer/stores/navigation'

// The desktop app's native menu, tray and dock (New Token, Search, Go to …) arrive as `app.command`
// events. Each one runs what the window's own button or palette command runs: sections change here, the
// tokens screen's commands are handed to it (navigation store), which runs the palette command of the
// same name. One picked while this window was opening waited in main; it is taken once listening.

export function useAppCommands(): void {
  const api = useBridge()
  const navigation = useNavigationStore()
  const run: Record<AppCommand, () => void> = {
    'new-token': () => navigation.ask('new-token'),
    search: () => navigation.ask('search'),
    'go-tokens': () => navigation.go('tokens'),
    'go-outbox': () => navigation.go('outbox'),
    'go-servers': () => navigation.go('servers'),
    'go-watch': () => navigation.go('watch'),
  }
  onScopeDispose(api.on('app.command', ({ command }) => run[command]()))
  void api.app.takeCommand().then((waited) => {
    if (waited.ok && waited.value) run[waited.value]()
  })
}
