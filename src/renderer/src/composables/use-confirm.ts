import { h } from 'vue'
import { useDialog } from 'naive-ui'

// Every question the app asks before it acts (delete, remove, discard, send to a production server): one
// kind of dialog. It is named by its question for assistive technology (Naive passes the attribute on to
// the dialog element; its options type does not list it), and has no ✕ in its corner: Naive names that
// button "close" in every language, and Cancel and Escape already say no.

export interface ConfirmOptions {
  title: string
  /** Several paragraphs: languages differ in how sentences run on (Chinese puts no space between). */
  content?: string | string[]
  positiveText: string
  negativeText: string
  /** A promise returned keeps the dialog open, its button spinning, until it settles. */
  onPositiveClick: () => unknown
  onAfterLeave?: () => void
}

export function useConfirm(): (options: ConfirmOptions) => void {
  const dialog = useDialog()
  return (options) => {
    const named: object = { 'aria-label': options.title }
    const { content } = options
    const body = Array.isArray(content)
      ? () => content.map((text) => h('p', { style: { margin: '0 0 8px' } }, text))
      : content
    dialog.warning({ ...named, ...options, content: body, closable: false })
  }
}
