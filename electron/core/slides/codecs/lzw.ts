/**
 * TIFF LZW (MSB-first codes, code width grows one code early). Output stops at `expected` bytes,
 * so a hostile stream cannot make it allocate more than the tile needs.
 */
export function decodeLzw(input: Uint8Array, expected: number): Buffer {
  const out = Buffer.alloc(expected);
  let outPos = 0;
  const prefix = new Int32Array(4096);
  const suffix = new Uint8Array(4096);
  const length = new Int32Array(4096);
  const stack = new Uint8Array(4096);
  for (let i = 0; i < 256; i++) {
    prefix[i] = -1;
    suffix[i] = i;
    length[i] = 1;
  }
  let next = 258;
  let width = 9;
  let bitPos = 0;
  const totalBits = input.length * 8;
  let prev = -1;

  const readCode = (): number => {
    if (bitPos + width > totalBits) return 257;
    let code = 0;
    for (let i = 0; i < width; i++) {
      const bit = (input[(bitPos + i) >> 3] >> (7 - ((bitPos + i) & 7))) & 1;
      code = (code << 1) | bit;
    }
    bitPos += width;
    return code;
  };

  const emit = (code: number): number => {
    let sp = 0;
    let c = code;
    while (c >= 0 && sp < 4096) {
      stack[sp++] = suffix[c];
      c = prefix[c];
    }
    const first = stack[sp - 1];
    while (sp > 0 && outPos < expected) out[outPos++] = stack[--sp];
    return first;
  };

  while (outPos < expected) {
    const code = readCode();
    if (code === 257) break;
    if (code === 256) {
      next = 258;
      width = 9;
      prev = -1;
      continue;
    }
    if (prev === -1) {
      if (code > 255) break;
      emit(code);
      prev = code;
      continue;
    }
    let first: number;
    if (code < next) {
      first = emit(code);
      if (next < 4096) {
        prefix[next] = prev;
        suffix[next] = first;
        length[next] = length[prev] + 1;
        next++;
      }
    } else if (code === next && next < 4096) {
      // KwKwK case: the new string is prev + first byte of prev.
      let c = prev;
      while (prefix[c] >= 0) c = prefix[c];
      first = suffix[c];
      prefix[next] = prev;
      suffix[next] = first;
      length[next] = length[prev] + 1;
      next++;
      emit(code);
    } else {
      break;
    }
    prev = code;
    if (next + 1 >= 1 << width && width < 12) width++;
  }
  return out;
}
