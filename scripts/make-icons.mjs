#!/usr/bin/env node
import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Resvg } from '@resvg/resvg-js'
import { IconIcns, IconIco } from '@shockpkg/icon-encoder'

// `npm run icons`: draws build/icon.svg (the one source of the app icon) into every file the packaged app
// needs — build/icon.png (Linux, and the window icon), build/icon.ico (Windows), build/icon.icns
// (macOS) — and the tray icon the main process loads, resources/tray-icon.png (16 px) with its @2x copy. Each size is drawn from the vector rather than shrunk from one bitmap, so 16 px stays crisp.
// The output depends only on the SVG and the two packages' versions in package-lock.json; run it after
// changing the SVG and commit the three files.

const projectDir = join(dirname(fileURLToPath(import.meta.url)), '..')
const buildDir = join(projectDir, 'build')
const resourcesDir = join(projectDir, 'resources')
const svg = readFileSync(join(buildDir, 'icon.svg'))

/** The SVG drawn as a square PNG `size` pixels wide. */
function png(size) {
  return new Resvg(svg, { fitTo: { mode: 'width', value: size }, background: 'rgba(0,0,0,0)' })
    .render()
    .asPng()
}

// Windows asks an .ico for 16–48 px in Explorer and the taskbar, and electron-builder refuses one without
// 256 px (the installer and high-DPI shell).
const ICO_SIZES = [256, 128, 64, 48, 32, 24, 16]

// The image set macOS's own iconutil writes (the @2x slots are the Retina copies); order as iconutil's.
const ICNS_SLOTS = [
  { type: 'ic12', size: 64 },
  { type: 'ic07', size: 128 },
  { type: 'ic13', size: 256 },
  { type: 'ic08', size: 256 },
  { type: 'ic04', size: 16 },
  { type: 'ic14', size: 512 },
  { type: 'ic09', size: 512 },
  { type: 'ic05', size: 32 },
  { type: 'ic10', size: 1024 },
  { type: 'ic11', size: 32 },
]

// Linux desktops scale one large PNG; 512 px is what electron-builder asks for at least.
const LINUX_PNG_SIZE = 512

// Tray icons are drawn at 16 px (Windows' notification area, most Linux panels) and 32 px for 2x screens.
const TRAY_SIZE = 16

async function main() {
  const ico = new IconIco()
  for (const size of ICO_SIZES) await ico.addFromPng(png(size))
  writeFileSync(join(buildDir, 'icon.ico'), ico.encode())

  const icns = new IconIcns()
  icns.toc = true
  for (const slot of ICNS_SLOTS) await icns.addFromPng(png(slot.size), [slot.type])
  writeFileSync(join(buildDir, 'icon.icns'), icns.encode())

  writeFileSync(join(buildDir, 'icon.png'), png(LINUX_PNG_SIZE))
  writeFileSync(join(resourcesDir, 'tray-icon.png'), png(TRAY_SIZE))
  writeFileSync(join(resourcesDir, 'tray-icon@2x.png'), png(TRAY_SIZE * 2))
  console.log('icons: wrote build/icon.{png,ico,icns} and resources/tray-icon{,@2x}.png from build/icon.svg')
}

await main()
