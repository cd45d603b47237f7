import { afterEach, describe, expect, it } from 'vitest'
import { defineComponent } from 'vue'
import { createFakeApi, makeProfile } from '@renderer/test/fake-api'
import { bodyText } from '@renderer/test/dom'
import { mountApp, settle } from '@renderer/test/mount-app'
import { useNavigationStore } from '@renderer/stores/navigation'
import { useAttention } from './use-attention'

// Main's attention calls as the user meets them: an OS notification (the browser's Notification API,
// observed by recording each construction) while the window is in the background, a toast otherwise.

afterEach(() => {
  document.body.innerHTML = ''
})

const seeded = () => createFakeApi({ profiles: [makeProfile()] })

describe('attention calls', () => {
  const made: { title: string; options: NotificationOptions; instance: { onclick: (() => void) | null } }[] =
    []
  // The browser's Notification API, observed: permission granted, each construction recorded.
  class RecordedNotification {
    static permission: NotificationPermission = 'granted'
    onclick: (() => void) | null = null
    constructor(title: string, options: NotificationOptions) {
      made.push({ title, options, instance: this })
    }
    close(): void {}
  }

  function mountAttention() {
    const fake = seeded()
    const probe = defineComponent({
      setup() {
        useAttention()
        return () => null
      },
    })
    mountApp(probe, { fake })
    return fake
  }
  const attention = {
    kind: 'watch' as const,
    profileId: 'p1',
    serverName: 'Main gateway',
    count: 7,
    tokens: [{ tokenId: 3, name: 'low', reasons: ['low' as const, 'expiring' as const] }],
  }

  afterEach(() => {
    made.length = 0
    Reflect.deleteProperty(window, 'Notification')
  })

  it('becomes an OS notification in the background, and its click opens the Watch', async () => {
    Object.assign(window, { Notification: RecordedNotification })
    const focused = document.hasFocus
    document.hasFocus = () => false
    try {
      const fake = mountAttention()
      await settle()
      fake.emit('app.attention', attention)
      expect(made).toHaveLength(1)
      expect(made[0]!.title).toBe('7 tokens need attention on “Main gateway”')
      expect(made[0]!.options.body).toBe('low (Low quota, Expires soon) and 6 more')
      made[0]!.instance.onclick?.()
      await settle()
      expect(useNavigationStore().section).toBe('watch')

      // Switched off: nothing at all.
      await fake.api.settings.set({ notifications: false })
      await settle()
      fake.emit('app.attention', attention)
      expect(made).toHaveLength(1)
    } finally {
      document.hasFocus = focused
    }
  })

  it('stays in the window while the user is looking at it', async () => {
    Object.assign(window, { Notification: RecordedNotification })
    const focused = document.hasFocus
    document.hasFocus = () => true
    try {
      const fake = mountAttention()
      await settle()
      fake.emit('app.attention', attention)
      await settle()
      expect(made).toEqual([])
      expect(bodyText()).toContain('7 tokens need attention on “Main gateway”')
    } finally {
      document.hasFocus = focused
    }
  })

  it('says tokens entering one after another in one notice, not one each', async () => {
    const focused = document.hasFocus
    document.hasFocus = () => true
    try {
      const fake = mountAttention()
      await settle()
      for (const [tokenId, name] of [
        [11, 'team-1'],
        [12, 'team-2'],
        [13, 'team-3'],
      ] as const) {
        fake.emit('app.attention', {
          ...attention,
          count: 1,
          tokens: [{ tokenId, name, reasons: ['expiring'] }],
        })
        await settle()
      }
      expect(bodyText()).toContain('3 tokens need attention on “Main gateway”')
      expect(bodyText()).toContain('team-1 (Expires soon), team-2 (Expires soon), team-3 (Expires soon)')
      expect(bodyText().match(/need attention/g)).toHaveLength(1)
    } finally {
      document.hasFocus = focused
    }
  })
})
