/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { execFileSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Page } from '@playwright/test'
import keytar from 'keytar'
import { expect, test } from 'vitest'
import { startWebHost, type WebHostProcess } from '../e2e/fixtures/web-host-process'
import { arrivalMark } from '../src/shared/contract/web-protocol'
import { startSandbox } from '../src/sandbox/index'
import { callHost } from '../tests/hosts/host-call'
import { launchBenchChromium } from './bench-chromium'
import { FIRST_SCREEN_DONE, installFirstScreenProbe, type ProbeTargets } from './first-screen-probe'
import { installPaintClock, type PaintTiming } from './paint-clock'
import { report } from './report'

// The token screen as a user meets it, in Chromium through the browser host, against the sandbox at
// 20 ms latency with 1000 tokens: from navigation (fresh data folder) to the screen being usable and to
// token rows on screen (first-screen-probe.ts), from the first page of tokens read to its rows on screen,
// a filter and a sort from the input event to the next painted frame (once the page has settled after
// its last page of tokens), and the renderer's heap. "Painted" is the first task after the frame
// (paint-clock.ts).

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

/** The page's own share of a filter's or sort's time; the rest is the browser's frame and its wait for it. */
const scriptPart = (timings: PaintTiming[]) =>
  `of which the page's script: median ${median(timings.map((t) => t.script)).toFixed(1)} ms`

/**
 * Navigations measured, each on a fresh data folder in a fresh browser context (no caches). Nine: on a
 * busy two-core machine single starts spread by a third either way around their median.
 */
const RUNS = Number(process.env.TOKENDESK_BENCH_RUNS ?? 9)

interface FirstScreen {
  interactive: number
  rows: number
  /** The first page of tokens read by the page (the first listing event or answer). */
  data: number
  /** interactive and rows as a timer queued in the frame read them (the earlier way, for comparison). */
  timer: { interactive: number; rows: number }
}

test('token screen in Chromium, 1000 tokens', async () => {
  if (!existsSync(resolve('out/main/web.js')))
    execFileSync('npx', ['electron-vite', 'build'], { stdio: 'ignore' })
  const sandbox = await startSandbox({ seedTokens: 1000, latencyMs: 20, rateLimits: { global: false } })
  const keychainService = `TokenDesk-bench-${randomUUID()}`
  const cleanups: (() => Promise<void>)[] = []
  const browser = await launchBenchChromium()
  // The page runs in English (?lang=en-US): en-US.ts tokens.create and tokens.tableLabel.
  const targets: ProbeTargets = { primary: 'New token', table: 'Tokens of Bench' }

  /** One navigation on a fresh data folder, with the server already added (as after the first run). */
  async function openFirstScreen(): Promise<{
    page: Page
    host: WebHostProcess
    marks: FirstScreen
    close: () => Promise<void>
  }> {
    const dataDir = await mkdtemp(join(tmpdir(), 'tokendesk-ui-bench-'))
    const host = await startWebHost({ dataDir, keychainService })
    let closed = false
    const close = async () => {
      if (closed) return
      closed = true
      await context.close()
      await host.stop()
      await rm(dataDir, { recursive: true, force: true })
    }
    cleanups.push(close)
    const added = await callHost(host, 'profiles.add', {
      name: 'Bench',
      baseUrl: sandbox.baseUrl,
      userId: sandbox.userId,
      accessToken: sandbox.accessToken,
    })
    expect(added.ok).toBe(true)
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    await page.addInitScript(installPaintClock)
    await page.addInitScript(installFirstScreenProbe, { ...targets, done: FIRST_SCREEN_DONE })
    const url = new URL(host.url)
    url.searchParams.set('lang', 'en-US')
    // Listened for from here, not polled: polling would run Playwright's script in the page meanwhile.
    const measured = page.waitForEvent('console', {
      predicate: (message) => message.text() === FIRST_SCREEN_DONE,
      timeout: 30_000,
    })
    await page.goto(url.toString())
    await measured
    const marks = await page.evaluate(
      ([progress, list]) => {
        // A fresh data folder keeps no list, so the first rows come from the listing: its first page
        // (a progress event) or, for a short list, its answer — whichever the page read first.
        const data = [progress, list]
          .flatMap((name) => performance.getEntriesByName(name, 'mark'))
          .map((entry) => entry.startTime)
        return { ...window.__firstScreen!, data: Math.min(...data) } as FirstScreen
      },
      [arrivalMark('event', 'tokens.progress'), arrivalMark('answer', 'tokens.list')] as const,
    )
    expect(Number.isFinite(marks.data)).toBe(true)
    return { page, host, marks, close }
  }

  try {
    const runs: FirstScreen[] = []
    let opened: Awaited<ReturnType<typeof openFirstScreen>> | null = null
    for (let run = 0; run < RUNS; run += 1) {
      // One app at a time, as a user has it: an earlier run's page and host would share the two cores.
      await opened?.close()
      opened = await openFirstScreen()
      runs.push(opened.marks)
    }
    const { page, host } = opened!
    const spread = (pick: (marks: FirstScreen) => number) =>
      runs.map((marks) => Math.round(pick(marks))).join(', ')
    // All from the page's own navigation start (performance.now() counts from it): the browser's launch
    // and the test's round trips are not the page's.
    report('ui.interactive', Math.round(median(runs.map((m) => m.interactive))), 'ms', {
      op: '<=',
      value: 600,
    })
    report('ui.first-rows', Math.round(median(runs.map((m) => m.rows))), 'ms', { op: '<=', value: 600 })
    report('ui.data-to-rows', Math.round(median(runs.map((m) => m.rows - m.data))), 'ms', {
      op: '<',
      value: 150,
    })
    console.log(
      `(medians of ${RUNS} navigations; interactive: ${spread((m) => m.interactive)}; rows: ${spread((m) => m.rows)}; ` +
        `data at: ${spread((m) => m.data)})`,
    )
    // The same navigations read the earlier way, by a timer queued in the frame (behind whatever else was
    // queued then): to compare with figures taken before paint-clock.ts.
    console.log(
      `(read by a timer instead: interactive ${Math.round(median(runs.map((m) => m.timer.interactive)))} ms, ` +
        `first rows ${Math.round(median(runs.map((m) => m.timer.rows)))} ms, data to rows ` +
        `${Math.round(median(runs.map((m) => m.timer.rows - m.data)))} ms)`,
    )
    if (process.env.TOKENDESK_BENCH_TRACE) {
      const entries = await page.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .map(
            (e) =>
              `${Math.round(e.startTime)}+${Math.round(e.duration)} ${e.name.replace(/^.*\/\/[^/]+/, '')}`,
          ),
      )
      console.log(entries.join('\n'))
      for (let n = 0; n < 3; n += 1) {
        const t0 = performance.now()
        await callHost(host, 'app.info')
        console.log(`app.info from Node, warm: ${Math.round(performance.now() - t0)} ms`)
      }
    }

    // Each figure: from the input event (or click) to the frame after the next paint, over all 1000 tokens
    // (the listing has finished: the grid counts every row), three rounds of the same four searches.
    await page.waitForFunction(
      () => document.querySelector('[role="grid"]')?.getAttribute('aria-rowcount') === '1001',
    )
    // Then once the page has settled: the last page of tokens still sets off work (the list kept for
    // the next start, Watch's checks, the rows below the edge) that no one typing after seeing the
    // rows would meet. Settled: the browser offers an idle period of nearly its full 50 ms.
    const settledAfter = await page.evaluate(async () => {
      const started = performance.now()
      for (;;) {
        const spare = await new Promise<number>((resolve) =>
          requestIdleCallback((deadline) => resolve(deadline.timeRemaining()), { timeout: 1000 }),
        )
        if (spare >= 45 || performance.now() - started > 5000) return performance.now() - started
      }
    })
    console.log(`(the page settled ${Math.round(settledAfter)} ms after its last row was counted)`)
    const filters: PaintTiming[] = []
    for (const query of ['a', 'de', 'x', '', 'a', 'de', 'x', '', 'a', 'de', 'x', '']) {
      filters.push(
        await page.evaluate(
          (text) =>
            window.__toPaint!(() => {
              const input = document.querySelector<HTMLInputElement>('input[aria-label="Search tokens"]')!
              input.value = text
              input.dispatchEvent(new Event('input', { bubbles: true }))
            }),
          query,
        ),
      )
    }
    report('ui.filter-to-paint', median(filters.map((f) => f.painted)), 'ms', { op: '<', value: 16 })
    console.log(
      `(filters, each: ${filters.map((f) => Math.round(f.painted)).join(', ')}; ${scriptPart(filters)})`,
    )
    const sorts: PaintTiming[] = []
    for (let run = 0; run < 12; run += 1) {
      sorts.push(
        await page.evaluate(() =>
          window.__toPaint!(() => {
            const header = [...document.querySelectorAll<HTMLElement>('[role="columnheader"] button')].find(
              (button) => button.textContent?.includes('Name'),
            )!
            header.click()
          }),
        ),
      )
    }
    report('ui.sort-to-paint', median(sorts.map((s) => s.painted)), 'ms', { op: '<', value: 16 })
    console.log(`(sorts, each: ${sorts.map((s) => Math.round(s.painted)).join(', ')}; ${scriptPart(sorts)})`)
    // What this browser needs by itself, to read the two figures above against: the same wait for a frame
    // with no work at all (frames start at the display's 60 Hz beat, so a change waits for the next one:
    // 0–16.7 ms, about half of that on average), and the visible cells given new text by plain DOM code
    // (no framework, no data).
    const floors = await page.evaluate(async () => {
      const frame = () =>
        new Promise<void>((resolve) => requestAnimationFrame(() => window.__afterFrame!(resolve)))
      const middle = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!
      const idle: number[] = []
      const repaint: number[] = []
      const leaves = [
        ...document.querySelectorAll<HTMLElement>('[role="gridcell"] *, [role="gridcell"]'),
      ].filter((element) => element.children.length === 0 && element.textContent?.trim())
      for (let run = 0; run < 15; run += 1) {
        let started = performance.now()
        await frame()
        idle.push(performance.now() - started)
        started = performance.now()
        for (const leaf of leaves) leaf.textContent = `${leaf.textContent!.slice(1)}${run % 10}`
        await frame()
        repaint.push(performance.now() - started)
      }
      return { idle: middle(idle), repaint: middle(repaint), cells: leaves.length }
    })
    console.log(
      `(this browser alone: a frame with no work, the wait for the next frame, ${floors.idle.toFixed(1)} ms; the ${floors.cells} visible ` +
        `cells' text replaced by plain DOM code ${floors.repaint.toFixed(1)} ms; medians of 15)`,
    )
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('HeapProfiler.collectGarbage')
    const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }
    report('ui.heap-1000', Math.round(usedSize / 1024 / 1024), 'MB', { op: '<=', value: 60 })
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup()
    await browser.close()
    await sandbox.close()
    for (const credential of await keytar.findCredentials(keychainService)) {
      await keytar.deletePassword(keychainService, credential.account)
    }
  }
})
