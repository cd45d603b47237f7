import { afterEach, describe, expect, it } from 'vitest'
import { firstField } from './first-field'

afterEach(() => {
  document.body.innerHTML = ''
})

function container(html: string): HTMLElement {
  const element = document.createElement('div')
  element.innerHTML = html
  document.body.append(element)
  return element
}

describe('the control a dialog focuses first', () => {
  it('is the first one the user can use, past hidden and disabled ones', () => {
    const root = container(`
      <input type="hidden" name="id" />
      <button disabled>Later</button>
      <input aria-label="Name" />
      <button>Save</button>`)
    expect(firstField(root)?.getAttribute('aria-label')).toBe('Name')
  })

  it('is the checked button of a radio group, the group’s own tab stop', () => {
    const root = container(`
      <input type="radio" name="kind" value="edit" aria-label="Edit" />
      <input type="radio" name="kind" value="delete" aria-label="Delete" checked />`)
    expect(firstField(root)?.getAttribute('aria-label')).toBe('Delete')
  })

  it('is none in content without controls', () => {
    expect(firstField(container('<p>Nothing to press</p>'))).toBeNull()
  })
})
