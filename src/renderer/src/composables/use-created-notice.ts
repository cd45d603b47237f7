import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { useActionNotice } from './use-action-notice'
import { useKeyActions } from './use-key-actions'

// A token is made to be handed out: the notice that it was created offers its key at once. Otherwise
// that took finding the new row and opening its key menu. Copying reveals the key as the key menu does
// (one of the server's few reveals); nothing is revealed unless asked for.

export interface CreatedToken {
  profileId: string
  id: number
  name: string
}

export function useCreatedNotice(): (token: CreatedToken) => void {
  const { t } = useI18n()
  const notice = useActionNotice()
  /** The server of the token whose key is being copied (the key actions read it when they run). */
  const profileId = ref('')
  const keys = useKeyActions(profileId)

  return (token) =>
    notice({
      type: 'success',
      title: t('editor.created', { name: token.name || t('tokens.unnamed') }),
      action: t('keys.copyKey'),
      run: () => {
        profileId.value = token.profileId
        void keys.copyKeys([{ id: token.id, name: token.name }])
      },
    })
}
