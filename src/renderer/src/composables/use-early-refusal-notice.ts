import { watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { useMessage } from 'naive-ui'
import { DEFAULT_PACING } from '@shared/domain/default-pacing'
import { useProfilesStore } from '@renderer/stores/profiles'
import { useServersStore } from '@renderer/stores/servers'
import { useActionNotice } from './use-action-notice'
import { useErrorText } from './use-error-text'

// A server that refuses requests (429) well before the rate limit TokenDesk keeps to for it has a lower
// limit of its own (its admin set one, or a proxy in front of it does). TokenDesk waits each refusal
// out, but keeps meeting them: the notice offers the server's own limit as the refusal told it (main's
// estimate), once per server and limit, wherever the user is, until closed. A limit set since makes the
// refusal moot.

export function useEarlyRefusalNotice(): void {
  const { t } = useI18n()
  const notice = useActionNotice()
  const message = useMessage()
  const errorText = useErrorText()
  const profiles = useProfilesStore()
  const servers = useServersStore()
  const told = new Set<string>()

  async function applyLimit(profileId: string, requests: number, windowSeconds: number): Promise<void> {
    const name = profiles.profiles.find((profile) => profile.id === profileId)?.name ?? ''
    const result = await profiles.setPacing(profileId, { requests, windowSeconds })
    if (result.ok) message.success(t('profiles.pacing.saved', { name }))
    else message.error(errorText.message(result.error))
  }

  watch(
    () => Object.values(servers.states).map((state) => [state.profileId, state.refusedEarly] as const),
    (refusals) => {
      for (const [profileId, refused] of refusals) {
        const profile = profiles.profiles.find((candidate) => candidate.id === profileId)
        if (!refused || !profile) continue
        const kept = profile.pacing ?? DEFAULT_PACING
        // Noted under another limit than the one kept now: moot.
        if (refused.limit !== kept.requests || refused.windowSeconds !== kept.windowSeconds) continue
        const key = `${profileId}:${kept.requests}/${kept.windowSeconds}`
        if (told.has(key)) continue
        told.add(key)
        const { admitted, limit, windowSeconds: seconds, suggested } = refused
        const offer = { requests: suggested.requests, window: suggested.windowSeconds }
        notice({
          type: 'warning',
          title: t('profiles.pacing.refusedEarly.title', { name: profile.name }),
          content: t('profiles.pacing.refusedEarly.body', { admitted, limit, seconds, ...offer }),
          action: t('profiles.pacing.refusedEarly.use', offer),
          run: () => void applyLimit(profileId, suggested.requests, suggested.windowSeconds),
          // Missed, it would not come back while the limit stays the same: it waits to be read.
          stays: true,
        })
      }
    },
  )
}
