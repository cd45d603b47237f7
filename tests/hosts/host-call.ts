import type { WebHostProcess } from '../../e2e/fixtures/web-host-process'
import type { Result } from '../../src/shared/result'

/** One bridge call to a running browser host, as the page makes it (its secret, JSON in and out). */
export async function callHost<T>(
  host: WebHostProcess,
  channel: string,
  input?: unknown,
): Promise<Result<T>> {
  const response = await fetch(`${host.origin}/api/call/${channel}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${host.secret}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ input }),
  })
  return (await response.json()) as Result<T>
}
