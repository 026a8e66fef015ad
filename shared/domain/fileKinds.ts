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
