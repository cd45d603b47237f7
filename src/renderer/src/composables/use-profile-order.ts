import { nextTick, ref } from 'vue'
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

  /**
   * Moves the server, then puts keyboard focus back on the control that moved it, in its new row (the
   * row's element moves in the page and the browser drops focus): the handle, or the same arrow button
   * unless it is disabled now at the top or bottom.
   */
  async function moveTo(profile: Profile, to: number, focus: 'handle' | 'up' | 'down' = 'handle') {
    const from = profiles.profiles.findIndex((candidate) => candidate.id === profile.id)
    if (from < 0 || to < 0 || to >= profiles.profiles.length || to === from) return
    const result = await profiles.move(profile.id, to)
    if (!result.ok) return void message.error(errorText.message(result.error))
    announcement.value = t('profiles.moved', { name: profile.name, position: to + 1 })
    await nextTick()
    const row = document.querySelector(`[data-profile-row="${CSS.escape(profile.id)}"]`)
    const button = row?.querySelector<HTMLButtonElement>(`[data-move="${focus}"]`)
    const target =
      button && !button.disabled ? button : row?.querySelector<HTMLElement>('[data-move="handle"]')
    target?.focus()
  }

  const moveBy = (profile: Profile, step: number, focus: 'handle' | 'up' | 'down' = 'handle') =>
    moveTo(profile, profiles.profiles.findIndex((candidate) => candidate.id === profile.id) + step, focus)

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
