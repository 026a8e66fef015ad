/**
 * JPEG tiles in TIFF often omit their quantisation and Huffman tables, which live once in the
 * JPEGTables tag. Splicing the tables back in gives a complete JPEG any browser decodes, with no
 * re-encoding: SOI + tables (without their EOI) + the tile without its SOI.
 */
export function spliceJpegTables(tables: Buffer | null, tile: Buffer): Buffer {
  if (!tables || tables.length < 4) return tile;
  if (tables[0] !== 0xff || tables[1] !== 0xd8 || tile[0] !== 0xff || tile[1] !== 0xd8) return tile;
  let end = tables.length;
  if (tables[end - 2] === 0xff && tables[end - 1] === 0xd9) end -= 2;
  return Buffer.concat([tables.subarray(0, end), tile.subarray(2)]);
}

/** Whether a JPEG stream already says how to interpret its colours (JFIF or Adobe marker). */
function hasColourMarker(jpeg: Buffer): boolean {
  let i = 2;
  while (i + 4 <= jpeg.length && jpeg[i] === 0xff) {
    const marker = jpeg[i + 1];
    if (marker === 0xda || marker === 0xd9) return false;
    const len = jpeg.readUInt16BE(i + 2);
    if (marker === 0xe0 && jpeg.toString('latin1', i + 4, i + 9) === 'JFIF\0') return true;
    if (marker === 0xee && jpeg.toString('latin1', i + 4, i + 9) === 'Adobe') return true;
    i += 2 + len;
  }
  return false;
}

const ADOBE_RGB = Buffer.from([0xff, 0xee, 0x00, 0x0e, 0x41, 0x64, 0x6f, 0x62, 0x65, 0x00, 0x64, 0x00, 0x00, 0x00, 0x00, 0x00]);

/**
 * TIFF images with Photometric = RGB store JPEG data without the colour transform; an Adobe APP14
 * marker with transform 0 tells every decoder so (otherwise it would assume YCbCr).
 */
export function markJpegAsRgb(jpeg: Buffer): Buffer {
  if (jpeg.length < 4 || jpeg[0] !== 0xff || jpeg[1] !== 0xd8 || hasColourMarker(jpeg)) return jpeg;
  return Buffer.concat([jpeg.subarray(0, 2), ADOBE_RGB, jpeg.subarray(2)]);
}
