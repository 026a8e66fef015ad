import { open as openFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { CoreError } from '../../errors';
import { loadOpenSlide, openSlideMajor, openSlideTooOld, openSlideUnavailable, type OpenSlideLib } from '../openslide/openslideLib';
import { OpenSlideReader } from '../openslide/openSlideReader';
import { unsupported } from '../slideErrors';
import { fileOpenError } from '../source/fileSource';
import { isTiffMagic } from '../tiff/parseTiff';
import { BuiltPyramidReader } from './builtPyramidReader';
import { DziReader } from './dziReader';
import type { SlideReader } from './slideReader';
import { TiffSlideReader } from './tiffSlideReader';
import type { ReaderOptions } from './tiledReaderBase';

/** Formats whose files only OpenSlide understands (some are TIFF inside, with vendor quirks). */
const OPENSLIDE_ONLY = new Set(['.ndpi', '.vms', '.vmu', '.mrxs', '.scn', '.bif', '.svslide', '.dcm']);

/** Formats OpenSlide reads only from some version on. */
const OPENSLIDE_SINCE: Record<string, { major: number; format: string }> = {
  '.dcm': { major: 4, format: 'DICOM' },
};

/** A single untiled TIFF image bigger than this is served from a built pyramid instead. */
const FLAT_TIFF_DIRECT_MAX = 2048;

export type HeadKind = 'tiff' | 'png' | 'jpeg' | 'webp' | 'unknown';

export function sniff(head: Buffer): HeadKind {
  if (isTiffMagic(head)) return 'tiff';
  if (head.length >= 8 && head.readUInt32BE(0) === 0x89504e47) return 'png';
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (head.length >= 12 && head.toString('latin1', 0, 4) === 'RIFF' && head.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  return 'unknown';
}

async function readHead(path: string): Promise<Buffer> {
  let fh;
  try {
    const st = await stat(path);
    if (st.isDirectory()) throw new CoreError('UNSUPPORTED_FILE', `${path} is a folder, not a slide file.`);
    fh = await openFile(path, 'r');
    const buf = Buffer.alloc(16);
    const { bytesRead } = await fh.read(buf, 0, 16, 0);
    return buf.subarray(0, bytesRead);
  } catch (e) {
    throw fileOpenError(path, e);
  } finally {
    await fh?.close();
  }
}

/** Opens a file with OpenSlide, or says which OpenSlide it needs when the one installed (if any) cannot read it. */
export function openWithOpenSlide(path: string, lib: OpenSlideLib | null): SlideReader {
  const since = OPENSLIDE_SINCE[extname(path).toLowerCase()];
  if (!lib) throw openSlideUnavailable(basename(path), since);
  if (since && openSlideMajor(lib.version) < since.major) throw openSlideTooOld(basename(path), lib, since);
  return OpenSlideReader.open(path, lib);
}

function viaOpenSlide(path: string): SlideReader {
  return openWithOpenSlide(path, loadOpenSlide());
}

/**
 * Opens any slide Sightline reads, choosing the reader by content (and by extension for
 * OpenSlide-only formats). Bad files give CoreErrors: FILE_NOT_FOUND, UNSUPPORTED_FILE, CORRUPT_FILE, UNAVAILABLE.
 */
export async function openSlideFile(path: string, opts: ReaderOptions = {}): Promise<SlideReader> {
  const lower = path.toLowerCase();
  const ext = extname(lower);
  if (ext === '.dzi') return DziReader.open(path, opts);
  const head = await readHead(path);
  if (head.length === 0) throw new CoreError('CORRUPT_FILE', `${basename(path)} is empty.`);
  if (OPENSLIDE_ONLY.has(ext)) return viaOpenSlide(path);
  const kind = sniff(head);
  switch (kind) {
    case 'tiff': {
      let reader: TiffSlideReader;
      try {
        reader = await TiffSlideReader.open(path, opts);
      } catch (e) {
        // Vendor TIFF variants Sightline does not parse itself may still open through OpenSlide.
        if (e instanceof CoreError && e.code === 'UNSUPPORTED_FILE' && loadOpenSlide()?.detectVendor(path)) {
          try {
            return viaOpenSlide(path);
          } catch {
            throw e;
          }
        }
        throw e;
      }
      if (reader.isFlatImage && (reader.width > FLAT_TIFF_DIRECT_MAX || reader.height > FLAT_TIFF_DIRECT_MAX)) {
        await reader.close();
        return BuiltPyramidReader.open(path, 'tiff', opts);
      }
      return reader;
    }
    case 'png':
    case 'jpeg':
    case 'webp':
      return BuiltPyramidReader.open(path, kind, opts);
    default: {
      const lib = loadOpenSlide();
      if (lib?.detectVendor(path)) return OpenSlideReader.open(path, lib);
      const hex = head.subarray(0, 8).toString('hex').replace(/(..)/g, '$1 ').trim();
      throw unsupported(path, `it is not a slide format Sightline reads (it starts with bytes ${hex}; expected TIFF/SVS, DZI, PNG, JPEG, WebP${lib ? ' or an OpenSlide format' : ''})`);
    }
  }
}
