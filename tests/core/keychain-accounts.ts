import keytar from 'keytar'

// The accounts a keychain service holds, for tests only (TokenDesk itself never lists the keychain: a
// listing reads every secret, and libsecret crashes when one disappears meanwhile). Call it when no core
// is sweeping; a listing that still meets a deletion is asked again.

export async function keychainAccounts(service: string): Promise<string[]> {
  for (let tries = 0; ; tries += 1) {
    try {
      return (await keytar.findCredentials(service)).map((credential) => credential.account).sort()
    } catch (error) {
      if (tries >= 5) throw error
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  }
}
