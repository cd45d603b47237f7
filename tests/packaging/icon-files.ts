// Just enough of the PNG, ICO and ICNS layouts to say what images a file holds, so the icon test checks
// the bytes the packaged app ships rather than trusting the generator.

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

export type PngInfo = { width: number; height: number; bitDepth: number; colorType: number }

/** The header of a PNG image, or null when `data` is not one. */
export function pngInfo(data: Buffer): PngInfo | null {
  if (data.length < 33 || !data.subarray(0, 8).equals(PNG_SIGNATURE)) return null
  if (data.toString('latin1', 12, 16) !== 'IHDR') return null
  return {
    width: data.readUInt32BE(16),
    height: data.readUInt32BE(20),
    bitDepth: data[24]!,
    colorType: data[25]!,
  }
}

export type IcoImage = { width: number; height: number; format: 'png' | 'bmp' }

/** The images of a Windows .ico, each with the size its own data says (not only the directory's byte). */
export function icoImages(data: Buffer): IcoImage[] {
  if (data.readUInt16LE(0) !== 0 || data.readUInt16LE(2) !== 1) throw new Error('not an ICO file')
  const count = data.readUInt16LE(4)
  const images: IcoImage[] = []
  for (let index = 0; index < count; index++) {
    const entry = 6 + index * 16
    // One byte each; 0 means 256.
    const listedWidth = data[entry]! || 256
    const listedHeight = data[entry + 1]! || 256
    const size = data.readUInt32LE(entry + 8)
    const offset = data.readUInt32LE(entry + 12)
    const image = data.subarray(offset, offset + size)
    if (image.length !== size) throw new Error(`ICO image ${index} runs past the end of the file`)
    const png = pngInfo(image)
    // A BMP image is a BITMAPINFOHEADER whose height counts the colour and the mask rows.
    const actual = png
      ? { width: png.width, height: png.height, format: 'png' as const }
      : { width: image.readInt32LE(4), height: image.readInt32LE(8) / 2, format: 'bmp' as const }
    if (actual.width !== listedWidth || actual.height !== listedHeight)
      throw new Error(
        `ICO image ${index} is listed as ${listedWidth}x${listedHeight} but is ${actual.width}x${actual.height}`,
      )
    images.push(actual)
  }
  return images
}

/** The chunks of a macOS .icns by type, each with its PNG header where it holds a PNG. */
export function icnsChunks(data: Buffer): Map<string, PngInfo | null> {
  if (data.toString('latin1', 0, 4) !== 'icns') throw new Error('not an ICNS file')
  if (data.readUInt32BE(4) !== data.length) throw new Error('ICNS length field does not match the file')
  const chunks = new Map<string, PngInfo | null>()
  let offset = 8
  while (offset < data.length) {
    const type = data.toString('latin1', offset, offset + 4)
    const length = data.readUInt32BE(offset + 4)
    if (length < 8 || offset + length > data.length) throw new Error(`ICNS chunk ${type} has a bad length`)
    chunks.set(type, pngInfo(data.subarray(offset + 8, offset + length)))
    offset += length
  }
  return chunks
}
