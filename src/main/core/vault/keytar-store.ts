import keytar from 'keytar'
import { AppError } from '@shared/result'
import type { SecretStore } from '../core-types'

// Access tokens live in the OS keychain (Keychain, Credential Manager, Secret Service). There is no
// plaintext fallback: if the keychain is unavailable the user is told so.

async function guard<T>(action: () => Promise<T>): Promise<T> {
  try {
    return await action()
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new AppError('keychain-unavailable', `The system keychain did not answer: ${reason}`)
  }
}

export function createKeytarStore(service: string): SecretStore {
  return {
    get: (account) => guard(() => keytar.getPassword(service, account)),
    set: (account, secret) => guard(() => keytar.setPassword(service, account, secret)),
    delete: (account) => guard(() => keytar.deletePassword(service, account)),
  }
}
