import { describe, expect, it } from 'vitest';
import { fileTypeOf } from '../../../shared/domain/fileKinds';

describe('fileTypeOf', () => {
  it.each([
    ['CMU-1.svs', 'slide', 'aperio-svs'],
    ['x.OME.TIFF', 'slide', 'ome-tiff'],
    ['x.ome.tif', 'slide', 'ome-tiff'],
    ['scan.tif', 'slide', 'tiff'],
    ['a.ndpi', 'slide', 'hamamatsu-ndpi'],
    ['a.mrxs', 'slide', 'mirax'],
    ['tiles.dzi', 'slide', 'deepzoom'],
    ['photo.JPG', 'slide', 'jpeg'],
    ['op.mp4', 'video', 'mp4'],
    ['op.MOV', 'video', 'quicktime'],
    ['op.mkv', 'video', 'matroska'],
  ])('%s is a %s of format %s', (name, kind, format) => {
    expect(fileTypeOf(name)).toEqual({ kind, format });
  });

  it.each(['notes.txt', 'README', 'archive.tar.gz', 'slide.svs.part'])('%s is not something Sightline opens', (name) => {
    expect(fileTypeOf(name)).toBeNull();
  });
});
