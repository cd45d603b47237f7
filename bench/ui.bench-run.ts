/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { execFileSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium } from '@playwright/test'
import keytar from 'keytar'
import { expect, test } from 'vitest'
import { startWebHost } from '../e2e/fixtures/web-host-process'
import { startSandbox } from '../src/sandbox/index'
import { callHost } from '../tests/hosts/host-call'
import { report } from './report'

// The token screen as a user meets it, in Chromium through the browser host, against the sandbox at
// 20 ms latency with 1000 tokens: from navigation (fresh data folder) to token rows on screen, a filter
// and a sort from the input event to the next painted frame, and the renderer's heap with them loaded.

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

test('token screen in Chromium, 1000 tokens', async () => {
  if (!existsSync(resolve('out/main/web.js')))
    execFileSync('npx', ['electron-vite', 'build'], { stdio: 'ignore' })
  const sandbox = await startSandbox({ seedTokens: 1000, latencyMs: 20, rateLimits: { global: false } })
  const dataDir = await mkdtemp(join(tmpdir(), 'tokendesk-ui-bench-'))
  const keychainService = `TokenDesk-bench-${randomUUID()}`
  const host = await startWebHost({ dataDir, keychainService })
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
    ],
  })
  try {
    const added = await callHost(host, 'profiles.add', {
      name: 'Bench',
      baseUrl: sandbox.baseUrl,
      userId: sandbox.userId,
      accessToken: sandbox.accessToken,
    })
    expect(added.ok).toBe(true)
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    const url = new URL(host.url)
    url.searchParams.set('lang', 'en-US')
    const started = Date.now()
    await page.goto(url.toString())
    await page.locator('.token-name').first().waitFor()
    // From the page's own navigation start (performance.now() counts from it) to rows on screen; the
    // browser's launch and the test's round trips are not the page's.
    const inPage = await page.evaluate(() => performance.now())
    report('ui.first-rows', Math.round(inPage), 'ms', { op: '<=', value: 600 })
    console.log(`(from page.goto in the test: ${Date.now() - started} ms)`)
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

    // Each figure: from the input event (or click) to the frame after the next paint.
    const filters: number[] = []
    for (const query of ['a', 'de', 'x', '']) {
      filters.push(
        await page.evaluate(async (text) => {
          const input = document.querySelector<HTMLInputElement>('input[aria-label="Search tokens"]')!
          const started = performance.now()
          input.value = text
          input.dispatchEvent(new Event('input', { bubbles: true }))
          await new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))
          return performance.now() - started
        }, query),
      )
    }
    report('ui.filter-to-paint', median(filters), 'ms', { op: '<', value: 16 })
    const sorts: number[] = []
    for (let run = 0; run < 4; run += 1) {
      sorts.push(
        await page.evaluate(async () => {
          const header = [...document.querySelectorAll<HTMLElement>('[role="columnheader"] button')].find(
            (button) => button.textContent?.includes('Name'),
          )!
          const started = performance.now()
          header.click()
          await new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))
          return performance.now() - started
        }),
      )
    }
    report('ui.sort-to-paint', median(sorts), 'ms', { op: '<', value: 16 })
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('HeapProfiler.collectGarbage')
    const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }
    report('ui.heap-1000', Math.round(usedSize / 1024 / 1024), 'MB', { op: '<=', value: 60 })
  } finally {
    await browser.close()
    await host.stop()
    await sandbox.close()
    await rm(dataDir, { recursive: true, force: true })
    for (const credential of await keytar.findCredentials(keychainService)) {
      await keytar.deletePassword(keychainService, credential.account)
    }
  }
})
