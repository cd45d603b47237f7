import { describe, expect, it, vi } from 'vitest'
import type { CoreApi } from '../../src/main/core/core-types'
import { nativeText } from '../../src/main/electron/native-text/native-text'
import { syncNowNotice } from '../../src/main/electron/sync-now'

// Sync Now chosen from the tray or the menu, perhaps with no window open: a refusal is said in a desktop
// notification (in the window's language) whose click opens the Outbox; a send that went through is not.

vi.mock('electron', () => ({ dialog: { showErrorBox: vi.fn() } }))
const { createShellActions } = await import('../../src/main/electron/shell-actions')

const profiles = [
  { id: 'a', name: 'Main gateway', production: false },
  { id: 'b', name: 'Backup', production: false },
  { id: 'c', name: 'Quiet', production: false },
]

/** A core whose servers 'a' and 'b' have drafts: `refuse` lists those whose send is refused at once. */
function coreWith(refuse: string[]): CoreApi {
  const dispatch = vi.fn(async (channel: string, input: unknown) => {
    if (channel === 'profiles.list') return { ok: true as const, value: { profiles } }
    if (channel === 'servers.states')
      return {
        ok: true as const,
        value: [
          { profileId: 'a', unsynced: 2 },
          { profileId: 'b', unsynced: 1 },
          { profileId: 'c', unsynced: 0 },
        ],
      }
    const { profileId } = input as { profileId: string }
    return refuse.includes(profileId)
      ? { ok: false as const, error: { code: 'offline', message: 'unreachable' } }
      : { ok: true as const, value: { started: true } }
  })
  return { dispatch, command: vi.fn() } as unknown as CoreApi
}

function actionsFor(core: CoreApi, locale: 'en-US' | 'zh-CN' = 'en-US') {
  const notify = vi.fn()
  const showWindow = vi.fn()
  const actions = createShellActions({
    core,
    text: () => nativeText(locale),
    locale: () => locale,
    showWindow,
    checkForUpdates: async () => undefined,
    about: async () => undefined,
    notify,
  })
  return { actions, notify, showWindow }
}

const settle = async () => {
  for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setTimeout(resolve, 0))
}

describe('Sync Now', () => {
  it('says nothing when every server took its drafts', async () => {
    const { actions, notify } = actionsFor(coreWith([]))
    actions.syncNow()
    await settle()
    expect(notify).not.toHaveBeenCalled()
  })

  it('names the servers that refused, and its click opens the Outbox', async () => {
    const core = coreWith(['a', 'b'])
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const { actions, notify, showWindow } = actionsFor(core)
    actions.syncNow()
    await settle()
    expect(notify).toHaveBeenCalledTimes(1)
    const [notice, onClick] = notify.mock.calls[0] as [{ title: string; body: string }, () => void]
    expect(notice.title).toBe('Sync Now: 2 servers refused')
    expect(notice.body).toBe('“Main gateway” and “Backup” did not take their drafts. Their Outboxes say why.')
    onClick()
    expect(showWindow).toHaveBeenCalled()
    expect(core.command).toHaveBeenCalledWith('go-outbox')
    warn.mockRestore()
  })

  it('speaks the window’s language, one server or several', () => {
    const one = { sent: ['b'], failed: [{ profileId: 'a', name: 'Main gateway', code: 'offline' }] }
    expect(syncNowNotice(one, nativeText('en-US'), 'en-US')).toEqual({
      title: 'Sync Now: 1 server refused',
      body: '“Main gateway” did not take its drafts. Its Outbox says why.',
    })
    const zh = syncNowNotice(
      { sent: [], failed: [...one.failed, { profileId: 'b', name: '备用', code: 'auth' }] },
      nativeText('zh-CN'),
      'zh-CN',
    )
    expect(zh).toEqual({
      title: '立即同步：2 个服务器拒绝了发送',
      body: '“Main gateway”和“备用”未接收待同步的修改，原因见待同步页面。',
    })
    expect(syncNowNotice({ sent: ['a'], failed: [] }, nativeText('en-US'), 'en-US')).toBeNull()
  })
})
