import { describe, expect, it, vi } from 'vitest';
import { CoreError } from '../../../electron/core/errors';
import type { OpenSlideLib } from '../../../electron/core/slides/openslide/openslideLib';
import { openWithOpenSlide } from '../../../electron/core/slides/readers/openSlideFile';
import { fileTypeOf, SUPPORTED_EXTENSIONS } from '../../../shared/domain/fileKinds';

/** A libopenslide of some version that recognises nothing. */
function fakeLib(version: string): OpenSlideLib & { detectVendor: ReturnType<typeof vi.fn> } {
  return { version, detectVendor: vi.fn(() => null) } as unknown as OpenSlideLib & { detectVendor: ReturnType<typeof vi.fn> };
}

function errorOf(f: () => unknown): CoreError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CoreError);
    return e as CoreError;
  }
  throw new Error('expected an error');
}

describe('DICOM (.dcm) needs OpenSlide 4.0 or later', () => {
  it('the library takes a .dcm file as a slide, and the file picker offers it', () => {
    expect(fileTypeOf('CMU-1-level-0.DCM')).toEqual({ kind: 'slide', format: 'dicom' });
    expect(SUPPORTED_EXTENSIONS).toContain('.dcm');
  });

  it('with OpenSlide 3.x, opening it names the version needed and the one installed, without asking OpenSlide', () => {
    const lib = fakeLib('3.4.1');
    const e = errorOf(() => openWithOpenSlide('/slides/series/level-0.dcm', lib));
    expect(e.code).toBe('UNAVAILABLE');
    expect(e.message).toMatch(/^Opening level-0\.dcm needs OpenSlide 4\.0 or later, which reads DICOM; this computer has OpenSlide 3\.4\.1\. Install a newer OpenSlide/);
    expect(lib.detectVendor).not.toHaveBeenCalled();
  });

  it('without OpenSlide, the message says which version to install', () => {
    const e = errorOf(() => openWithOpenSlide('/slides/level-0.dcm', null));
    expect(e.code).toBe('UNAVAILABLE');
    expect(e.message).toMatch(/needs OpenSlide 4\.0 or later \(earlier versions do not read DICOM\), which is not installed on this computer\. Install OpenSlide: /);
  });

  it('OpenSlide 4 gets the file; other vendor formats go to any version', () => {
    for (const [version, path] of [
      ['4.0.0', '/slides/level-0.dcm'],
      ['3.4.1', '/slides/scan.ndpi'],
    ]) {
      const lib = fakeLib(version);
      expect(errorOf(() => openWithOpenSlide(path, lib)).code).toBe('UNSUPPORTED_FILE');
      expect(lib.detectVendor).toHaveBeenCalledWith(path);
    }
  });
});
