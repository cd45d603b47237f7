import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { RELEASE_CONFIG, loadConfig, projectDir } from './builder-config'
import { icnsChunks, icoImages, pngInfo } from './icon-files'

// The icons each platform's package takes from build/ (drawn from build/icon.svg by `npm run icons`):
// the right format, and the sizes the OS asks for, so no platform shows a blurred or default icon.

async function iconBytes(platform: 'linux' | 'mac' | 'win'): Promise<Buffer> {
  const icon = (await loadConfig(RELEASE_CONFIG))[platform]?.icon
  if (typeof icon !== 'string') throw new Error(`${platform}.icon is not set`)
  expect(icon.startsWith('build/')).toBe(true)
  return readFileSync(resolve(projectDir, icon))
}

describe('app icons', () => {
  it('Linux: a square RGBA PNG of at least 512 px', async () => {
    const png = pngInfo(await iconBytes('linux'))
    expect(png).not.toBeNull()
    expect(png!.width).toBe(png!.height)
    expect(png!.width).toBeGreaterThanOrEqual(512)
    // Colour type 6 is RGBA: the rounded corners need transparency.
    expect(png!.colorType).toBe(6)
  })

  it('Windows: an .ico with every shell size from 16 to 256 px', async () => {
    const sizes = icoImages(await iconBytes('win')).map((image) => image.width)
    expect(sizes).toEqual(expect.arrayContaining([16, 24, 32, 48, 64, 128, 256]))
    expect(icoImages(await iconBytes('win')).every((image) => image.width === image.height)).toBe(true)
  })

  it('macOS: an .icns with every iconutil slot, Retina sizes up to 1024 px', async () => {
    const chunks = icnsChunks(await iconBytes('mac'))
    // The PNG slots and their pixel sizes (the @2x slots are twice their nominal size).
    const pngSlots = { ic07: 128, ic08: 256, ic09: 512, ic10: 1024, ic11: 32, ic12: 64, ic13: 256, ic14: 512 }
    for (const [slot, size] of Object.entries(pngSlots)) {
      expect(chunks.get(slot), slot).toMatchObject({ width: size, height: size })
    }
    // 16 and 32 px are stored in the older ARGB format that macOS still reads for small sizes.
    expect(chunks.has('ic04')).toBe(true)
    expect(chunks.has('ic05')).toBe(true)
  })

  it('the icon parsers refuse a file of another format', () => {
    const png = readFileSync(resolve(projectDir, 'build/icon.png'))
    expect(() => icoImages(png)).toThrow(/not an ICO/)
    expect(() => icnsChunks(png)).toThrow(/not an ICNS/)
    expect(pngInfo(readFileSync(resolve(projectDir, 'build/icon.ico')))).toBeNull()
  })

  it('tray: RGBA PNGs of 16 px and 32 px for 2x screens (resources/, loaded by the main process)', () => {
    for (const [file, size] of [
      ['resources/tray-icon.png', 16],
      ['resources/tray-icon@2x.png', 32],
    ] as const) {
      const png = pngInfo(readFileSync(resolve(projectDir, file)))
      expect(png, file).toMatchObject({ width: size, height: size, colorType: 6 })
    }
  })
})
