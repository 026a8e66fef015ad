import { z } from 'zod';
import { defineCall } from './defineCall';
import { Empty, Id, IsoTime, Ok } from './common';
import { FileKind } from '../domain/fileKinds';

export const Project = z.object({
  id: Id,
  name: z.string(),
  description: z.string(),
  createdAt: IsoTime,
  caseCount: z.number().int().nonnegative(),
});
export type Project = z.infer<typeof Project>;

export const Case = z.object({
  id: Id,
  projectId: Id,
  name: z.string(),
  createdAt: IsoTime,
  slideCount: z.number().int().nonnegative(),
  videoCount: z.number().int().nonnegative(),
});
export type Case = z.infer<typeof Case>;

export const LibraryFile = z.object({
  id: Id,
  caseId: Id,
  kind: FileKind,
  name: z.string(),
  path: z.string(),
  size: z.number().int().nonnegative(),
  sha256: z.string(),
  format: z.string(),
  managed: z.boolean(),
  addedAt: IsoTime,
});
export type LibraryFile = z.infer<typeof LibraryFile>;

const Name = z.string().trim().min(1, 'A name is needed.').max(200);

export const libraryCalls = {
  'projects.list': defineCall('projects.list', 'All projects.', Empty, z.array(Project)),
  'projects.create': defineCall(
    'projects.create',
    'Create a project.',
    z.object({ name: Name, description: z.string().max(2000).default('') }).strict(),
    Project,
  ),
  'cases.list': defineCall('cases.list', 'The cases of a project.', z.object({ projectId: Id }).strict(), z.array(Case)),
  'cases.create': defineCall('cases.create', 'Add a case to a project.', z.object({ projectId: Id, name: Name }).strict(), Case),
  'files.list': defineCall('files.list', 'The slides and videos of a case.', z.object({ caseId: Id }).strict(), z.array(LibraryFile)),
  'files.add': defineCall(
    'files.add',
    'Add a slide or video file on this machine to a case (hashes it; reports progress).',
    z.object({ caseId: Id, path: z.string().min(1, 'A file path is needed.'), managed: z.boolean().default(false) }).strict(),
    LibraryFile,
  ),
  'files.remove': defineCall(
    'files.remove',
    'Remove a slide or video from a case (the file on disk is kept unless Sightline made the copy).',
    z.object({ kind: FileKind, id: Id }).strict(),
    Ok,
  ),
} as const;
