import { firstField } from './first-field'

// After a refused save: the first field marked with an issue is brought into view with the focus in it,
// so that the refusal is seen even when the form was scrolled to its Save button (it looked as if Save
// did nothing). With no field marked, the summary of the issues is scrolled into view instead.

export function revealFirstIssue(form: HTMLElement | null, summary: HTMLElement | null): void {
  const marked = form?.querySelector('.n-form-item-feedback--error')?.closest<HTMLElement>('.n-form-item')
  const field = marked ? firstField(marked) : null
  if (field) return field.focus()
  summary?.scrollIntoView({ block: 'nearest' })
}
