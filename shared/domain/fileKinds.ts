import { z } from 'zod';

export const FileKind = z.enum(['slide', 'video']);
export type FileKind = z.infer<typeof FileKind>;

const SLIDE_FORMATS: Record<string, string> = {
  '.svs': 'aperio-svs',
  '.tif': 'tiff',
  '.tiff': 'tiff',
  '.btf': 'tiff',
  '.ome.tif': 'ome-tiff',
  '.ome.tiff': 'ome-tiff',
  '.ndpi': 'hamamatsu-ndpi',
  '.vms': 'hamamatsu-vms',
  '.vmu': 'hamamatsu-vmu',
  '.mrxs': 'mirax',
  '.scn': 'leica-scn',
  '.bif': 'ventana-bif',
  '.svslide': 'sakura',
  // One file of a DICOM series (OpenSlide 4.0 or later finds the rest in the same folder).
  '.dcm': 'dicom',
  '.dzi': 'deepzoom',
  '.png': 'png',
  '.jpg': 'jpeg',
  '.jpeg': 'jpeg',
  '.webp': 'webp',
};

const VIDEO_FORMATS: Record<string, string> = {
  '.mp4': 'mp4',
  '.m4v': 'mp4',
  '.mov': 'quicktime',
  '.webm': 'webm',
  '.mkv': 'matroska',
};

export interface FileType {
  kind: FileKind;
  format: string;
}

/** Classifies a file by its name; null when Sightline does not open it. */
export function fileTypeOf(fileName: string): FileType | null {
  const lower = fileName.toLowerCase();
  for (const ext of ['.ome.tiff', '.ome.tif']) {
    if (lower.endsWith(ext)) return { kind: 'slide', format: SLIDE_FORMATS[ext] };
  }
  const dot = lower.lastIndexOf('.');
  if (dot < 0) return null;
  const ext = lower.slice(dot);
  if (SLIDE_FORMATS[ext]) return { kind: 'slide', format: SLIDE_FORMATS[ext] };
  if (VIDEO_FORMATS[ext]) return { kind: 'video', format: VIDEO_FORMATS[ext] };
  return null;
}

export const SUPPORTED_EXTENSIONS = [...Object.keys(SLIDE_FORMATS), ...Object.keys(VIDEO_FORMATS)];

const COMPANIONS: Record<string, string> = {
  deepzoom: 'its tiles are in the folder <name>_files beside it',
  mirax: 'its image data is in the folder of the same name beside it',
  'hamamatsu-vms': 'its image data is in the JPEG files it lists, beside it',
  dicom: 'the rest of its series is in the same folder',
};

/**
 * Why a file cannot be added on its own (its image data lives in other files beside it), or null when it can.
 * A browser uploads single files, so such a slide is added by its path instead.
 */
export function companionFilesNeeded(fileName: string): string | null {
  const type = fileTypeOf(fileName);
  const why = type ? COMPANIONS[type.format] : undefined;
  if (!why) return null;
  const stem = fileName.replace(/\.[^.]+$/, '');
  return `Uploaded alone, this slide would not open: ${why.replace('<name>', stem)}. Give its path instead (the path field under the file picker); Sightline reads it where it is.`;
}
