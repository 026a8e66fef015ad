import { describe, expect, it } from 'vitest';
import { companionFilesNeeded, fileTypeOf } from '../../../shared/domain/fileKinds';

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

describe('companionFilesNeeded', () => {
  it.each([
    ['tiles.dzi', /tiles_files/],
    ['scan.mrxs', /folder of the same name/],
    ['scan.vms', /JPEG files/],
    ['IM0001.dcm', /series/],
  ])('%s needs the files beside it, and the message says how to add it', (name, why) => {
    const m = companionFilesNeeded(name);
    expect(m).toMatch(why);
    expect(m).toMatch(/path/);
  });

  it.each(['CMU-1.svs', 'scan.ndpi', 'photo.jpg', 'op.mp4'])('%s can be added on its own', (name) => {
    expect(companionFilesNeeded(name)).toBeNull();
  });
});
