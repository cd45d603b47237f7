import { afterEach, describe, expect, it } from 'vitest'
import { nameNaiveIcons, type IconNames } from './naive-icon-names'

// Naive UI's close buttons and spinners, named in the UI's language as they appear.

const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

afterEach(() => {
  document.body.innerHTML = ''
})

function closeButton(): HTMLButtonElement {
  const button = document.createElement('button')
  button.className = 'n-base-close'
  button.setAttribute('aria-label', 'close')
  return button
}

describe('Naive icon names', () => {
  it('names close buttons as they appear, hides an idle spinner, and renames after a language change', async () => {
    let names: IconNames = { close: '关闭', loading: '加载中…', decrease: '减少', increase: '增加' }
    const root = document.createElement('div')
    root.append(closeButton())
    document.body.append(root)
    const icons = nameNaiveIcons(root, () => names)
    expect(root.querySelector('button')!.getAttribute('aria-label')).toBe('关闭')

    // A notification arrives later, with its close button inside.
    const notice = document.createElement('div')
    notice.append(closeButton())
    const spinner = document.createElement('div')
    spinner.className = 'n-base-loading'
    spinner.setAttribute('aria-label', 'loading')
    notice.append(spinner)
    root.append(notice)
    await flush()
    expect([...root.querySelectorAll('button')].map((b) => b.getAttribute('aria-label'))).toEqual([
      '关闭',
      '关闭',
    ])
    // Not spinning: nothing to announce.
    expect(spinner.getAttribute('aria-hidden')).toBe('true')

    // Loading starts: Naive puts its icon into the same element.
    const icon = document.createElement('div')
    icon.className = 'n-base-loading__icon'
    spinner.append(icon)
    await flush()
    expect(spinner.getAttribute('aria-hidden')).toBeNull()
    expect(spinner.getAttribute('aria-label')).toBe('加载中…')

    names = { close: 'Close', loading: 'Loading…', decrease: 'Decrease', increase: 'Increase' }
    icons.rename()
    expect([...root.querySelectorAll('button')].map((b) => b.getAttribute('aria-label'))).toEqual([
      'Close',
      'Close',
    ])
    expect(spinner.getAttribute('aria-label')).toBe('Loading…')
    icons.stop()
  })

  it('names a number input’s − and + buttons as it appears, and again in another language', async () => {
    let names: IconNames = { close: '关闭', loading: '加载中…', decrease: '减少', increase: '增加' }
    const root = document.createElement('div')
    document.body.append(root)
    const icons = nameNaiveIcons(root, () => names)
    // As Naive draws a quantity: the input's wrapper, its text box, then − and + (no name of their own).
    const number = document.createElement('div')
    number.className = 'n-input-number'
    number.innerHTML = '<input><span><button tabindex="-1"></button><button tabindex="-1"></button></span>'
    const form = document.createElement('form')
    form.append(number)
    root.append(form)
    await flush()
    const steps = () => [...number.querySelectorAll('button')].map((b) => b.getAttribute('aria-label'))
    expect(steps()).toEqual(['减少', '增加'])
    names = { close: 'Close', loading: 'Loading…', decrease: 'Decrease', increase: 'Increase' }
    icons.rename()
    expect(steps()).toEqual(['Decrease', 'Increase'])
    icons.stop()
  })
})
