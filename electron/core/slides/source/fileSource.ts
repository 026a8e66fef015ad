import { close, open, read, fstat } from 'node:fs';
import { promisify } from 'node:util';
import { CoreError } from '../../errors';
import { corrupt } from '../slideErrors';

const openAsync = promisify(open);
const readAsync = promisify(read);
const closeAsync = promisify(close);
const fstatAsync = promisify(fstat);

/** The most one read may ask for: no tile, strip or tag array of a sane file is bigger. */
export const MAX_READ_BYTES = 256 * 1024 * 1024;

/**
 * Small reads (tiles, directories) are served from blocks of this size read whole, so neighbouring tiles
 * (scanners write them in order) share one read: one wait for the I/O thread pool, or one round trip to a
 * network share, for about twenty tiles instead of one each.
 */
export const BLOCK_BYTES = 256 * 1024;
const SMALL_READ_BYTES = BLOCK_BYTES / 4;
const MAX_BLOCKS = 8;

/** Random access to a file in which every read is checked against the file's size first. */
export class FileSource {
  private closed = false;
  /** Recently read blocks by index, least recently used first. */
  private readonly blocks = new Map<number, Buffer>();
  private readonly pendingBlocks = new Map<number, Promise<Buffer>>();
  /** Reads made from the file itself (for tests). */
  fileReads = 0;
  private constructor(
    readonly path: string,
    private readonly fd: number,
    readonly size: number,
  ) {}

  static async open(path: string): Promise<FileSource> {
    let fd: number;
    try {
      fd = await openAsync(path, 'r');
    } catch (e) {
      throw fileOpenError(path, e);
    }
    try {
      const st = await fstatAsync(fd);
      if (st.isDirectory()) throw new CoreError('UNSUPPORTED_FILE', `${path} is a folder, not a slide file.`);
      return new FileSource(path, fd, st.size);
    } catch (e) {
      await closeAsync(fd).catch(() => undefined);
      throw e;
    }
  }

  /** Reads exactly `length` bytes at `offset` (a buffer of its own); a range past the end of the file is a corrupt-file error. */
  async read(offset: number, length: number, what = 'data'): Promise<Buffer> {
    this.check(offset, length, what);
    if (length === 0) return Buffer.alloc(0);
    if (length > SMALL_READ_BYTES) return this.readFile(offset, length, what);
    const first = Math.floor(offset / BLOCK_BYTES);
    const last = Math.floor((offset + length - 1) / BLOCK_BYTES);
    const out = Buffer.allocUnsafe(length);
    for (let b = first; b <= last; b++) {
      const block = await this.block(b, what);
      const start = Math.max(offset, b * BLOCK_BYTES);
      const end = Math.min(offset + length, (b + 1) * BLOCK_BYTES);
      block.copy(out, start - offset, start - b * BLOCK_BYTES, end - b * BLOCK_BYTES);
    }
    return out;
  }

  private block(index: number, what: string): Promise<Buffer> {
    const hit = this.blocks.get(index);
    if (hit) {
      this.blocks.delete(index);
      this.blocks.set(index, hit);
      return Promise.resolve(hit);
    }
    let p = this.pendingBlocks.get(index);
    if (!p) {
      const start = index * BLOCK_BYTES;
      p = this.readFile(start, Math.min(BLOCK_BYTES, this.size - start), what)
        .then((b) => {
          if (!this.closed) {
            this.blocks.set(index, b);
            if (this.blocks.size > MAX_BLOCKS) this.blocks.delete(this.blocks.keys().next().value as number);
          }
          return b;
        })
        .finally(() => this.pendingBlocks.delete(index));
      this.pendingBlocks.set(index, p);
    }
    return p;
  }

  private async readFile(offset: number, length: number, what: string): Promise<Buffer> {
    this.fileReads++;
    const buf = Buffer.allocUnsafe(length);
    let done = 0;
    while (done < length) {
      const { bytesRead } = await readAsync(this.fd, buf, done, length - done, offset + done);
      if (bytesRead === 0) throw corrupt(this.path, `${what} ends early (the file may have been truncated while open)`);
      done += bytesRead;
    }
    return buf;
  }

  check(offset: number, length: number, what = 'data'): void {
    if (this.closed) throw new CoreError('UNAVAILABLE', `${this.path} was closed.`);
    if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0) {
      throw corrupt(this.path, `${what} has an impossible position (${offset}, ${length} bytes)`);
    }
    if (length > MAX_READ_BYTES) throw corrupt(this.path, `${what} claims ${length} bytes, more than any slide needs`);
    if (offset + length > this.size) {
      throw corrupt(this.path, `${what} lies past the end of the file (needs bytes up to ${offset + length}, the file has ${this.size}; it may be truncated)`);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.blocks.clear();
    await Promise.allSettled([...this.pendingBlocks.values()]);
    await closeAsync(this.fd).catch(() => undefined);
  }
}

export function fileOpenError(path: string, e: unknown): CoreError {
  if (e instanceof CoreError) return e;
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new CoreError('FILE_NOT_FOUND', `There is no file at ${path}. It may have been moved or deleted.`);
  if (code === 'EISDIR') return new CoreError('UNSUPPORTED_FILE', `${path} is a folder, not a slide file.`);
  return new CoreError('FILE_UNREADABLE', `Sightline cannot read ${path} (${code ?? (e as Error).message}).`);
}
