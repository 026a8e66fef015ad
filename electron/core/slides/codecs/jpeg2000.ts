import { createRequire } from 'node:module';
import { CoreError } from '../../errors';

interface FrameInfo {
  width: number;
  height: number;
  bitsPerSample: number;
  componentCount: number;
  isSigned: boolean;
}
interface J2KDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  getDecodedBuffer(): Uint8Array;
  decode(): void;
  getFrameInfo(): FrameInfo;
  delete(): void;
}
interface J2KEncoder {
  getDecodedBuffer(info: FrameInfo & { isUsingColorTransform: boolean }): Uint8Array;
  getEncodedBuffer(): Uint8Array;
  encode(): void;
  setQuality(lossless: boolean, quality: number): void;
  setCompressionRatio(layer: number, ratio: number): void;
  delete(): void;
}
export interface OpenJpegModule {
  J2KDecoder: new () => J2KDecoder;
  J2KEncoder: new () => J2KEncoder;
}

let loading: Promise<OpenJpegModule> | null = null;

/** The WebAssembly OpenJPEG codec (loaded once, from the npm package; nothing is fetched). */
export function openJpeg(): Promise<OpenJpegModule> {
  loading ??= (async () => {
    const require = createRequire(import.meta.url);
    const factory = require('@cornerstonejs/codec-openjpeg/wasmjs') as (opts: object) => Promise<OpenJpegModule>;
    const silent = () => undefined;
    return factory({ print: silent, printErr: silent });
  })().catch((e: unknown) => {
    loading = null;
    throw new CoreError('UNAVAILABLE', `The JPEG 2000 decoder could not be loaded: ${(e as Error).message}`);
  });
  return loading;
}

export interface DecodedJ2k {
  width: number;
  height: number;
  components: number;
  /** Interleaved 8-bit samples. */
  data: Buffer;
}

/** Decodes a JPEG 2000 codestream (or JP2 file) to interleaved 8-bit samples. */
export async function decodeJ2k(bytes: Uint8Array): Promise<DecodedJ2k> {
  const m = await openJpeg();
  const dec = new m.J2KDecoder();
  try {
    dec.getEncodedBuffer(bytes.length).set(bytes);
    dec.decode();
    const info = dec.getFrameInfo();
    if (info.bitsPerSample > 8) throw new Error(`${info.bitsPerSample}-bit JPEG 2000 is not supported`);
    return { width: info.width, height: info.height, components: info.componentCount, data: Buffer.from(dec.getDecodedBuffer()) };
  } finally {
    dec.delete();
  }
}

/** Encodes interleaved 8-bit samples as a JPEG 2000 codestream (lossless unless a ratio is given). */
export async function encodeJ2k(
  data: Uint8Array,
  width: number,
  height: number,
  components: number,
  opts: { colorTransform: boolean; compressionRatio?: number },
): Promise<Buffer> {
  const m = await openJpeg();
  const enc = new m.J2KEncoder();
  try {
    const buf = enc.getDecodedBuffer({ width, height, bitsPerSample: 8, componentCount: components, isSigned: false, isUsingColorTransform: opts.colorTransform });
    buf.set(data);
    if (opts.compressionRatio) {
      enc.setQuality(false, 0);
      enc.setCompressionRatio(0, opts.compressionRatio);
    }
    enc.encode();
    return Buffer.from(enc.getEncodedBuffer());
  } finally {
    enc.delete();
  }
}
