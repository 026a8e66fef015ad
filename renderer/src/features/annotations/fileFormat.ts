export type AnnotationFileFormat = 'geojson' | 'asap';

/** The format of an annotation file: from its extension, else from its first character (`<` is XML). */
export function guessFormat(fileName: string, text: string): AnnotationFileFormat {
  const name = fileName.toLowerCase();
  if (name.endsWith('.xml')) return 'asap';
  if (name.endsWith('.geojson') || name.endsWith('.json')) return 'geojson';
  return text.trimStart().startsWith('<') ? 'asap' : 'geojson';
}
