import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { useMessage } from 'naive-ui'
import type { Profile } from '@shared/domain/profile'
import { useProfilesStore } from '@renderer/stores/profiles'
import { useErrorText } from './use-error-text'

// Reordering the saved servers by dragging a row's handle, or from the keyboard (Alt+Arrow Up/Down on
// the handle, or the move buttons). Main keeps the order; each move is announced for screen readers.

export function useProfileOrder() {
  const { t } = useI18n()
  const message = useMessage()
  const errorText = useErrorText()
  const profiles = useProfilesStore()
  const dragged = ref<string | null>(null)
  const announcement = ref('')

  async function moveTo(profile: Profile, to: number): Promise<void> {
    const from = profiles.profiles.findIndex((candidate) => candidate.id === profile.id)
    if (from < 0 || to < 0 || to >= profiles.profiles.length || to === from) return
    const result = await profiles.move(profile.id, to)
    if (!result.ok) return void message.error(errorText.message(result.error))
    announcement.value = t('profiles.moved', { name: profile.name, position: to + 1 })
  }

  const moveBy = (profile: Profile, step: number) =>
    moveTo(profile, profiles.profiles.findIndex((candidate) => candidate.id === profile.id) + step)

  function onHandleKey(event: KeyboardEvent, profile: Profile): void {
    if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return
    event.preventDefault()
    void moveBy(profile, event.key === 'ArrowUp' ? -1 : 1)
  }

  function onDragStart(event: DragEvent, profile: Profile): void {
    dragged.value = profile.id
    event.dataTransfer?.setData('text/plain', profile.name)
    if (event.dataTransfer) event.dataTransfer.effectAllowed = 'move'
  }

  function onDrop(target: Profile): void {
    const moving = profiles.profiles.find((candidate) => candidate.id === dragged.value)
    dragged.value = null
    if (!moving || moving.id === target.id) return
    void moveTo(
      moving,
      profiles.profiles.findIndex((candidate) => candidate.id === target.id),
    )
  }

  return { dragged, announcement, moveBy, onHandleKey, onDragStart, onDrop }
}
