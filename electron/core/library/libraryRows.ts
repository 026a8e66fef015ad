import type { Case, LibraryFile, Project } from '../../../shared/contract';
import type { FileKind } from '../../../shared/domain/fileKinds';

export interface ProjectRow {
  id: number;
  name: string;
  description: string;
  created_at: string;
  case_count: number;
}
export const toProject = (r: ProjectRow): Project => ({
  id: r.id,
  name: r.name,
  description: r.description,
  createdAt: r.created_at,
  caseCount: r.case_count,
});

export interface CaseRow {
  id: number;
  project_id: number;
  name: string;
  created_at: string;
  slide_count: number;
  video_count: number;
}
export const toCase = (r: CaseRow): Case => ({
  id: r.id,
  projectId: r.project_id,
  name: r.name,
  createdAt: r.created_at,
  slideCount: r.slide_count,
  videoCount: r.video_count,
});

export interface FileRow {
  id: number;
  case_id: number;
  kind: FileKind;
  name: string;
  path: string;
  size: number;
  sha256: string;
  format: string;
  managed: number;
  added_at: string;
}
export const toFile = (r: FileRow): LibraryFile => ({
  id: r.id,
  caseId: r.case_id,
  kind: r.kind,
  name: r.name,
  path: r.path,
  size: r.size,
  sha256: r.sha256,
  format: r.format,
  managed: r.managed === 1,
  addedAt: r.added_at,
});

export const PROJECT_SELECT = `SELECT p.*, (SELECT COUNT(*) FROM cases c WHERE c.project_id = p.id) AS case_count FROM projects p`;
export const CASE_SELECT = `SELECT c.*,
  (SELECT COUNT(*) FROM slides s WHERE s.case_id = c.id) AS slide_count,
  (SELECT COUNT(*) FROM videos v WHERE v.case_id = c.id) AS video_count
  FROM cases c`;
export const FILE_SELECT = `SELECT * FROM (
  SELECT id, case_id, 'slide' AS kind, name, path, size, sha256, format, managed, added_at FROM slides
  UNION ALL
  SELECT id, case_id, 'video' AS kind, name, path, size, sha256, format, managed, added_at FROM videos)`;
