import { h } from 'vue'
import { NButton, useNotification } from 'naive-ui'

// The window's notices that offer one thing to do — the Watch's, a stopped draft's, a created token's —
// all alike: 10 s on screen (or until closed, for one that must not pass unseen), kept while the pointer
// is on them, and one button that closes the notice and does its thing.

export interface ActionNotice {
  type: 'info' | 'success' | 'warning'
  title: string
  content?: string
  /** The button's text. */
  action: string
  run: () => void
  /** Stays until closed or acted on: for a notice whose one chance to act must not pass unseen. */
  stays?: boolean
}

/** A notice on screen: closed by `close`; `shown` is false once it has gone (closed, timed out, acted on). */
export interface ShownNotice {
  close: () => void
  shown: () => boolean
}

export function useActionNotice(): (notice: ActionNotice) => ShownNotice {
  const notification = useNotification()
  return ({ type, title, content, action, run, stays = false }) => {
    let gone = false
    const shown = notification.create({
      type,
      title,
      content,
      ...(stays ? { closable: true } : { duration: 10_000 }),
      keepAliveOnHover: true,
      onAfterLeave: () => {
        gone = true
      },
      action: () =>
        h(
          NButton,
          {
            size: 'small',
            onClick: () => {
              shown.destroy()
              run()
            },
          },
          () => action,
        ),
    })
    return {
      close: () => {
        gone = true
        shown.destroy()
      },
      shown: () => !gone,
    }
  }
}
