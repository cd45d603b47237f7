import { useI18n } from 'vue-i18n'
import { heldSecondsLeft } from '@renderer/lib/held-seconds'
import { useServersStore } from '@renderer/stores/servers'

// Why a change the user sent is not on the server yet, in the same terms as the header: the server
// cannot be reached, it asked TokenDesk to wait (a 429), TokenDesk waits for room in its request limit,
// or the change is simply next in line. Saying "cannot be reached" for all of them was wrong three times
// out of four.

/** A failure that means the server could not be reached (main's failure kinds): kept, not failed. */
export const isUnreachable = (error: { code: string } | null | undefined): boolean =>
  !!error && ['offline', 'timeout', 'tls'].includes(error.code)

export function useWaitingText() {
  const { t } = useI18n()
  const servers = useServersStore()

  /** Seconds until main's pacer expects room for the server's waiting requests; 0 when none wait. */
  const heldSeconds = (profileId: string | undefined): number =>
    (profileId && heldSecondsLeft(servers.states[profileId], Date.now())) || 0

  /**
   * A change kept and queued. `lastError`: the draft's own failure, when its send found the server
   * unreachable — which its answer can say before the header's state has caught up.
   */
  function queued(profileId: string | undefined, name: string, lastError?: { code: string } | null): string {
    if (isUnreachable(lastError)) return t('editor.queued', { name })
    const reach = profileId ? servers.states[profileId]?.reach.state : undefined
    if (reach === 'rate-limited') return t('editor.waitRateLimited', { name })
    // Not "cannot be reached": it never goes out by itself until the user gives another access token.
    if (reach === 'auth-refused' || reach === 'needs-token') return t('editor.queuedForToken', { name })
    const seconds = heldSeconds(profileId)
    if (seconds > 0) return t('editor.sendingHeld', { name, seconds })
    if (reach === 'online') return t('editor.queuedOnline', { name })
    return t('editor.queued', { name })
  }

  /** A change on its way (main answered before the server did). */
  function sending(profileId: string | undefined, name: string): string {
    const seconds = heldSeconds(profileId)
    return seconds > 0 ? t('editor.sendingHeld', { name, seconds }) : t('editor.sending', { name })
  }

  return { queued, sending }
}
