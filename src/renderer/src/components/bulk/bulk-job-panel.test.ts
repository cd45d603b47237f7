import { afterEach, describe, expect, it, vi } from 'vitest'
import { reactive } from 'vue'
import type { BulkItem, BulkJob } from '@shared/contract/bulk-contract'
import { DEFAULT_SERVER_FACTS } from '@shared/domain/server-facts'
import { bodyText, button } from '@renderer/test/dom'
import { mountApp, settle } from '@renderer/test/mount-app'
import BulkJobPanel from './bulk-job-panel.vue'

// A bulk job as main reports it: exact counts, the controls that fit its state, and the report with
// the server's own words and the usage each write handed back.

function item(tokenId: number, state: BulkItem['state'], extra: Partial<BulkItem> = {}): BulkItem {
  return {
    tokenId,
    name: `key-${tokenId}`,
    state,
    draftId: null,
    error: null,
    requests: 0,
    refund: null,
    ...extra,
  }
}

function job(state: BulkJob['state'], items: BulkItem[], extra: Partial<BulkJob> = {}): BulkJob {
  return {
    id: 'job-1',
    profileId: 'p1',
    kind: 'apply',
    undoOf: null,
    state,
    change: { kind: 'edit', status: 'disable' },
    createdAt: 1,
    finishedAt: null,
    items,
    secondsLeft: null,
    revision: 1,
    putAway: false,
    ...extra,
  }
}

async function show(value: BulkJob) {
  const onControl = vi.fn()
  const onUndo = vi.fn()
  mountApp(BulkJobPanel, { props: { job: value, facts: DEFAULT_SERVER_FACTS, onControl, onUndo } })
  await settle()
  return { onControl, onUndo }
}

const has = (name: string) =>
  [...document.querySelectorAll('button')].some((b) => b.textContent?.trim() === name)

afterEach(() => {
  document.body.innerHTML = ''
})

describe('bulk job panel', () => {
  it('counts every state exactly while it runs, with the time left, and pauses or cancels', async () => {
    const { onControl } = await show(
      job(
        'running',
        [
          item(1, 'synced', { refund: 1_000_000 }),
          item(2, 'synced', { refund: 0 }),
          item(3, 'syncing'),
          item(4, 'queued'),
          item(5, 'queued'),
        ],
        { secondsLeft: 200 },
      ),
    )
    expect(bodyText()).toContain('2 of 5 done')
    expect(bodyText()).toContain('2 succeeded')
    expect(bodyText()).toContain('1 sending')
    expect(bodyText()).toContain('2 waiting')
    expect(bodyText()).toContain('About 3 min 20 s left')
    expect(document.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow')).toBe('2')
    expect(has('Retry the 0 failed')).toBe(false)
    expect(has('Undo this change')).toBe(false)

    button('Pause').click()
    button('Cancel the rest').click()
    expect(onControl.mock.calls).toEqual([['pause'], ['cancel']])
  })

  it('resumes a paused job', async () => {
    const { onControl } = await show(job('paused', [item(1, 'queued')]))
    expect(bodyText()).toContain('Paused')
    expect(has('Pause')).toBe(false)
    button('Resume').click()
    expect(onControl.mock.calls).toEqual([['resume']])
  })

  it('reports failures in the server’s words, conflicts, skips and refunds; retries the failed and undoes', async () => {
    const { onControl, onUndo } = await show(
      job('done', [
        item(1, 'synced', { refund: 1_500_000 }),
        item(6, 'synced', { refund: 0 }),
        item(2, 'failed', {
          error: { code: 'server', message: '令牌名称过长', details: { serverWords: true } },
        }),
        item(3, 'conflict'),
        item(4, 'skipped'),
        item(5, 'cancelled'),
      ]),
    )
    expect(bodyText()).toContain('Finished')
    expect(bodyText()).toContain('6 of 6 done')
    expect(bodyText()).toContain('1 failed')
    expect(bodyText()).toContain('Failed (1)')
    // The code's translation and the server's message verbatim.
    expect(bodyText()).toContain('The server reported an error.')
    expect(bodyText()).toContain('令牌名称过长')
    expect(bodyText()).toContain('Conflicts (1)')
    expect(bodyText()).toContain('choose what to keep in the outbox')
    expect(bodyText()).toContain('Already as asked: nothing was sent.')
    expect(bodyText()).toContain('Cancelled (1)')
    // 1,500,000 units at 500,000 per dollar.
    expect(bodyText()).toContain('Handed back $3.00')
    // A write that handed nothing back says so in words, not as "Handed back $0.00".
    expect(bodyText()).toContain('Nothing handed back')
    expect(bodyText()).not.toContain('Handed back $0.00')
    expect(bodyText()).toContain('$3.00 in all')
    expect(has('Pause')).toBe(false)
    expect(has('Cancel the rest')).toBe(false)

    button('Retry the 1 failed').click()
    button('Undo this change').click()
    expect(onControl.mock.calls).toEqual([['retryFailed']])
    expect(onUndo).toHaveBeenCalledTimes(1)
  })

  it('offers no undo for a delete', async () => {
    await show(job('done', [item(1, 'synced')], { change: { kind: 'delete' } }))
    expect(bodyText()).toContain('1 succeeded')
    expect(has('Undo this change')).toBe(false)
  })
})

describe('bulk job panel following a job to its end', () => {
  it('shows each control once after the job moves from running to done', async () => {
    // The same panel, its job replaced as main's events arrive.
    const props = reactive({
      job: job('running', [item(1, 'syncing'), item(2, 'queued')]),
      facts: DEFAULT_SERVER_FACTS,
      onControl: vi.fn(),
      onUndo: vi.fn(),
    })
    mountApp(BulkJobPanel, { props })
    await settle()
    props.job = job('done', [item(1, 'synced', { refund: 0 }), item(2, 'failed')])
    await settle()
    const names = [...document.querySelectorAll('.bulk-job__controls button')].map((b) =>
      b.textContent?.trim(),
    )
    expect(names).toEqual(['Retry the 1 failed', 'Undo this change'])
  })
})
