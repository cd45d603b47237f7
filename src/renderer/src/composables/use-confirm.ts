import { h, type VNode } from 'vue'
import { useDialog } from 'naive-ui'

// Every question the app asks before it acts (delete, remove, discard, send to a production server): one
// kind of dialog. For assistive technology it is an alert dialog (it interrupts and wants an answer),
// named by its question and described by its text, so that a screen reader reads both as it opens. Naive
// passes the name and description on to the dialog element (its options type does not list them) but
// keeps its own role "dialog" over one given, so the role is set as the dialog's body is put in the
// page: before Naive moves the focus into the dialog, which is when a screen reader announces it. No ✕
// in its corner: Naive names that button "close" in every language, and Cancel and Escape already say no.

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

/** Numbers each question's text, for its dialog to point at. */
let questions = 0

function asAlertDialog(body: VNode): void {
  ;(body.el as Element | null)?.closest('[role="dialog"]')?.setAttribute('role', 'alertdialog')
}

export function useConfirm(): (options: ConfirmOptions) => void {
  const dialog = useDialog()
  return (options) => {
    const describedBy = `confirm-${(questions += 1)}`
    const paragraphs = [options.content ?? []].flat()
    const last = paragraphs.length - 1
    const body = () =>
      h(
        'div',
        { id: describedBy, onVnodeMounted: asAlertDialog },
        paragraphs.map((text, index) => h('p', { style: { margin: index < last ? '0 0 8px' : 0 } }, text)),
      )
    const attributes: object = {
      'aria-label': options.title,
      ...(paragraphs.length > 0 ? { 'aria-describedby': describedBy } : {}),
    }
    dialog.warning({ ...attributes, ...options, content: body, closable: false })
  }
}
