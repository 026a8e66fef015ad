import { z } from 'zod';
import { defineCall } from './defineCall';
import { Id, IsoTime, Ok } from './common';
import { Mpp } from './slides';
import { GeometrySchema } from '../annotations/geometry';

export { GeometrySchema } from '../annotations/geometry';
export type { Geometry, GeometryType, Position, Ring } from '../annotations/geometry';

export const Colour = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, 'A colour is written #rrggbb.')
  .transform((s) => s.toLowerCase());

export const ClassShortcut = z.number().int().min(1, 'Shortcuts are the digits 1–9.').max(9, 'Shortcuts are the digits 1–9.');

export const AnnotationClass = z.object({
  id: Id,
  projectId: Id,
  name: z.string(),
  colour: z.string(),
  /** The digit key (1–9) that assigns this class, or null. */
  shortcut: ClassShortcut.nullable(),
  sortOrder: z.number().int(),
  createdAt: IsoTime,
  /** Annotations of this class that are not deleted, over all slides of the project. */
  annotationCount: z.number().int().nonnegative(),
});
export type AnnotationClass = z.infer<typeof AnnotationClass>;

export const AnnotationBounds = z.object({ minX: z.number(), minY: z.number(), maxX: z.number(), maxY: z.number() });

export const Annotation = z.object({
  id: Id,
  slideId: Id,
  classId: Id.nullable(),
  /** Level-0 pixels. */
  geometry: GeometrySchema,
  name: z.string(),
  description: z.string(),
  authorId: Id.nullable(),
  authorName: z.string().nullable(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
  deleted: z.boolean(),
  /** Bumped by every change; annotations.update must quote the version it edits. */
  version: z.number().int().positive(),
  /** Bounding box in level-0 px (for the spatial index). */
  bounds: AnnotationBounds,
});
export type Annotation = z.infer<typeof Annotation>;

export const AnnotationFormat = z.enum(['geojson', 'asap']);

const ClassName = z.string().trim().min(1, 'A class needs a name.').max(100);
const AnnotationName = z.string().max(200);
const Description = z.string().max(20_000);

export const ImportCounts = z.object({
  /** Annotations created. */
  created: z.number().int().nonnegative(),
  /** Their ids, in file order. */
  ids: z.array(Id),
  /** Created annotations by geometry type. */
  byType: z.record(z.string(), z.number().int().nonnegative()),
  /** Classes the file named that the project did not have, now created. */
  classesCreated: z.array(z.string()),
  /** Objects read but not imported (e.g. QuPath detections), by reason. */
  skipped: z.array(z.object({ reason: z.string(), count: z.number().int().positive() })),
});
export type ImportCounts = z.infer<typeof ImportCounts>;

export const annotationCalls = {
  'classes.list': defineCall(
    'classes.list',
    "A project's annotation classes, in their sort order.",
    z.object({ projectId: Id }).strict(),
    z.array(AnnotationClass),
  ),
  'classes.create': defineCall(
    'classes.create',
    'Add an annotation class to a project (colour defaults to the next palette colour).',
    z
      .object({ projectId: Id, name: ClassName, colour: Colour.optional(), shortcut: ClassShortcut.nullable().default(null), sortOrder: z.number().int().optional() })
      .strict(),
    AnnotationClass,
  ),
  'classes.update': defineCall(
    'classes.update',
    "Rename, recolour, re-key or reorder a class (a shortcut another class of the project holds is a CONFLICT).",
    z.object({ id: Id, name: ClassName.optional(), colour: Colour.optional(), shortcut: ClassShortcut.nullable().optional(), sortOrder: z.number().int().optional() }).strict(),
    AnnotationClass,
  ),
  'classes.delete': defineCall(
    'classes.delete',
    'Delete a class. If annotations use it, reassignTo says where they go (a class id, or null for unclassified); without it the call is a CONFLICT.',
    z.object({ id: Id, reassignTo: Id.nullable().optional() }).strict(),
    Ok.extend({ reassigned: z.number().int().nonnegative() }),
  ),

  'annotations.list': defineCall(
    'annotations.list',
    "A slide's annotations with what drawing them needs: the project's classes and the slide's size and pixel size.",
    z.object({ slideId: Id, includeDeleted: z.boolean().default(false) }).strict(),
    z.object({
      slideId: Id,
      projectId: Id,
      width: z.number().int().positive().nullable(),
      height: z.number().int().positive().nullable(),
      mpp: Mpp.nullable(),
      classes: z.array(AnnotationClass),
      annotations: z.array(Annotation),
    }),
  ),
  'annotations.create': defineCall(
    'annotations.create',
    'Add an annotation to a slide (audited). Geometry in level-0 px.',
    z
      .object({ slideId: Id, geometry: GeometrySchema, classId: Id.nullable().default(null), name: AnnotationName.default(''), description: Description.default('') })
      .strict(),
    Annotation,
  ),
  'annotations.update': defineCall(
    'annotations.update',
    'Change geometry, class, name or description. `version` must be the current one, else CONFLICT (details.current holds the annotation as it now is).',
    z
      .object({ id: Id, version: z.number().int().positive(), geometry: GeometrySchema.optional(), classId: Id.nullable().optional(), name: AnnotationName.optional(), description: Description.optional() })
      .strict(),
    Annotation,
  ),
  'annotations.delete': defineCall(
    'annotations.delete',
    'Flag an annotation deleted (annotations.restore undoes it). With `version`, a stale version is a CONFLICT.',
    z.object({ id: Id, version: z.number().int().positive().optional() }).strict(),
    Annotation,
  ),
  'annotations.restore': defineCall('annotations.restore', 'Undo the delete of an annotation.', z.object({ id: Id }).strict(), Annotation),
  'annotations.import': defineCall(
    'annotations.import',
    'Import a QuPath GeoJSON or ASAP XML file onto a slide, creating classes it names that the project lacks. All or nothing: an invalid file is rejected with the reason and the place (feature index, or line and element).',
    z.object({ slideId: Id, format: AnnotationFormat, text: z.string() }).strict(),
    ImportCounts,
  ),
  'annotations.export': defineCall(
    'annotations.export',
    "A slide's annotations (not deleted) as QuPath GeoJSON or ASAP XML text.",
    z.object({ slideId: Id, format: AnnotationFormat }).strict(),
    z.object({ format: AnnotationFormat, text: z.string(), count: z.number().int().nonnegative(), fileName: z.string() }),
  ),
} as const;
