import { afterEach, describe, expect, it } from 'vitest'
import { defineComponent, h, ref } from 'vue'
import { button } from '@renderer/test/dom'
import { DEFAULT_FAKE_CATALOG } from '@renderer/test/fake-catalog'
import { mountApp, settle } from '@renderer/test/mount-app'
import { clickOption, openSelect, optionTexts } from '@renderer/test/select'
import AutoGroupOrder from './auto-group-order.vue'

// The token's own Auto order: added from the server's groups (never `auto`), at most max_count, moved by
// buttons, by Alt+Arrow keys on a row's handle (focus follows the row) or by dragging; each move is
// announced, and an empty order says which order the server follows instead.

afterEach(() => {
  document.body.innerHTML = ''
})

const { groups, autoGroups } = DEFAULT_FAKE_CATALOG

async function mountOrder(initial: string[], maxCount = autoGroups!.maxCount) {
  const order = ref(initial)
  const Host = defineComponent({
    setup: () => () =>
      h(AutoGroupOrder, {
        modelValue: order.value,
        'onUpdate:modelValue': (value: string[]) => (order.value = value),
        groups,
        serverOrder: autoGroups!.groups,
        maxCount,
        idPrefix: 'order',
      }),
  })
  mountApp(Host)
  await settle()
  return order
}

const names = () =>
  [...document.querySelectorAll('.auto-order__item')].map((row) => row.getAttribute('data-group'))
const handle = (group: string) =>
  document.querySelector<HTMLElement>(`[data-group="${group}"] [data-move="handle"]`)!
const announced = () => document.querySelector('[aria-live="polite"]')?.textContent

describe('auto group order', () => {
  it("says which order applies while empty, and adds the server's groups but never auto", async () => {
    const order = await mountOrder([])
    expect(document.body.textContent).toContain(
      `Leave empty to follow the server’s order: ${autoGroups!.groups.join(' → ')}.`,
    )
    const picker = document.querySelector<HTMLElement>('.auto-order__picker .n-base-selection')!
    openSelect(picker)
    await settle()
    expect(optionTexts().map((text) => text.split(' · ')[0])).toEqual(
      groups.filter((group) => group.name !== 'auto').map((group) => group.name),
    )
    clickOption('vip')
    await settle()
    expect(order.value).toEqual(['vip'])
    expect(announced()).toBe('vip was added as number 1.')
  })

  it('moves groups with the buttons and with Alt+Arrow keys, announcing each move and keeping focus', async () => {
    const order = await mountOrder(['default', 'vip'])
    button('Move vip up').click()
    await settle()
    expect(order.value).toEqual(['vip', 'default'])
    expect(announced()).toBe('vip is now number 1 of 2.')
    // At the top the "up" button is disabled: focus goes to the row's handle instead.
    expect(document.activeElement).toBe(handle('vip'))

    handle('vip').dispatchEvent(
      new KeyboardEvent('keydown', { key: 'ArrowDown', altKey: true, bubbles: true }),
    )
    await settle()
    expect(order.value).toEqual(['default', 'vip'])
    expect(names()).toEqual(['default', 'vip'])
    expect(document.activeElement).toBe(handle('vip'))
    // Without Alt the arrow keys keep their usual meaning.
    handle('vip').dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp', bubbles: true }))
    await settle()
    expect(order.value).toEqual(['default', 'vip'])
  })

  it('reorders by dragging a row onto another', async () => {
    const order = await mountOrder(['default', 'vip'])
    const rows = document.querySelectorAll<HTMLElement>('.auto-order__item')
    handle('vip').dispatchEvent(new Event('dragstart', { bubbles: true }))
    rows[0]!.dispatchEvent(new Event('dragover', { bubbles: true, cancelable: true }))
    rows[0]!.dispatchEvent(new Event('drop', { bubbles: true, cancelable: true }))
    await settle()
    expect(order.value).toEqual(['vip', 'default'])
  })

  it('stops at the server limit and removes groups', async () => {
    const order = await mountOrder(['default', 'vip'], 2)
    expect(document.body.textContent).toContain('2 of at most 2')
    expect(document.body.textContent).toContain('The order is full (at most 2 groups).')
    button('Remove default from the order').click()
    await settle()
    expect(order.value).toEqual(['vip'])
    expect(announced()).toBe('default was removed from the order.')
    // The focus stays in the order: on the Remove of the group that took its place, then on the picker.
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Remove vip from the order')
    button('Remove vip from the order').click()
    await settle()
    expect(order.value).toEqual([])
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Add a group')
  })

  it('marks a group in the order that the server no longer offers', async () => {
    await mountOrder(['retired', 'vip'])
    expect(document.querySelector('[data-group="retired"]')?.textContent).toContain('not offered to you')
    expect(document.querySelector('[data-group="vip"]')?.textContent).toContain('×0.8')
  })
})
