import { AppShell } from './pages/app-shell'
import { test, expect } from './fixtures/app-fixture'
import { recordBridge } from './fixtures/bridge-recorder'
import { filesContaining } from './fixtures/secret-scan'
import { addSandboxServer, editNameQuotaAndExpiry } from './flows/edit-token-flow'

// The access token goes renderer → main once and never comes back: not in a bridge answer or event,
// not in the data folder or the log, not in the page's storage.

test('the access token appears nowhere after the whole flow', async ({ page, webHost, sandbox, dataDir }) => {
  const recorder = recordBridge(page, webHost.origin, webHost.secret)
  await new AppShell(page).goto(webHost.url)
  await addSandboxServer(page, sandbox)
  await editNameQuotaAndExpiry(page, sandbox)
  const storage = await page.evaluate(
    () => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }),
  )
  await recorder.stop()
  await webHost.stop() // flushes the log

  const secret = sandbox.accessToken
  expect(recorder.texts.length).toBeGreaterThan(3) // the recorder saw the traffic, so the check below means something
  expect(recorder.texts.join('\n')).toContain('E2E renamed token')
  expect(recorder.texts.filter((text) => text.includes(secret))).toEqual([])
  expect(await filesContaining(dataDir, secret)).toEqual([])
  expect(webHost.output()).not.toContain(secret)
  expect(storage).not.toContain(secret)
})
