import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { requireFromBuilderLib } from './builder-config'

// The real Electron binary cannot be downloaded here. To still run electron-builder's packaging end to
// end, the packaging test hands it an "Electron distribution" holding one file that carries what
// @electron/fuses edits in the real binary: its sentinel, then the fuse wire (version, length, one byte
// per fuse). electron-builder copies it, packs the app beside it and flips the fuses in it exactly as it
// would in Electron; the test then reads the wire back. The starting states are Electron's defaults.

const { SENTINEL, FuseState } = requireFromBuilderLib('@electron/fuses/dist/constants') as {
  SENTINEL: string
  FuseState: { ENABLE: number; DISABLE: number }
}

/** The byte @electron/fuses writes for a fuse that is on. */
export const FUSE_ON = FuseState.ENABLE

/** Electron's fuse V1 defaults, in wire order (RunAsNode … GrantFileProtocolExtraPrivileges). */
const ELECTRON_DEFAULT_WIRE = [true, false, true, true, false, false, false, true]

/** Writes a stand-in Linux Electron distribution into `dir`; returns `dir`. */
export async function writeStandInElectron(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true })
  const wire = ELECTRON_DEFAULT_WIRE.map((on) => (on ? FuseState.ENABLE : FuseState.DISABLE))
  const binary = Buffer.concat([
    Buffer.from('#!/bin/sh\nexit 1\n'),
    Buffer.from(SENTINEL, 'latin1'),
    Buffer.from([1, wire.length, ...wire]),
  ])
  await writeFile(join(dir, 'electron'), binary, { mode: 0o755 })
  return dir
}
