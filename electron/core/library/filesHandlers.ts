import { statSync, rmSync } from 'node:fs';
import { basename, resolve, relative, isAbsolute } from 'node:path';
import { fileTypeOf, SUPPORTED_EXTENSIONS } from '../../../shared/domain/fileKinds';
import { appendAudit } from '../audit/audit';
import { CoreError, notFound } from '../errors';
import type { Handlers } from '../dispatch/handlers';
import { hashFile } from './hashFile';
import { FILE_SELECT, toFile, type FileRow } from './libraryRows';
import type { LibraryFile } from '../../../shared/contract';

function statFile(path: string): { size: number } {
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new CoreError('UNSUPPORTED_FILE', `${path} is a folder; choose a slide or video file.`);
    return { size: st.size };
  } catch (e) {
    if (e instanceof CoreError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CoreError('FILE_NOT_FOUND', `There is no file at ${path}. Check the path and try again.`);
    throw new CoreError('FILE_UNREADABLE', `Sightline cannot read ${path} (${code ?? (e as Error).message}).`);
  }
}

function isInside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

export const filesHandlers: Handlers<'files.list' | 'files.add' | 'files.remove'> = {
  'files.list': ({ caseId }, _ctx, { db }) => {
    if (!db.prepare('SELECT 1 FROM cases WHERE id = ?').get(caseId)) throw notFound('Case', caseId);
    return (db.prepare(`${FILE_SELECT} WHERE case_id = ? ORDER BY kind, name COLLATE NOCASE`).all(caseId) as FileRow[]).map(toFile);
  },

  'files.add': async ({ caseId, path: rawPath, managed }, ctx, { db, filesDir, emit }) => {
    const path = resolve(rawPath);
    if (!db.prepare('SELECT 1 FROM cases WHERE id = ?').get(caseId)) throw notFound('Case', caseId);
    if (managed && !isInside(filesDir, path)) throw new CoreError('FORBIDDEN', 'Only files Sightline stored itself can be added as managed copies.');
    const type = fileTypeOf(basename(path));
    if (!type) {
      throw new CoreError('UNSUPPORTED_FILE', `${basename(path)} is not a slide or video Sightline opens. Supported: ${SUPPORTED_EXTENSIONS.join(' ')}.`);
    }
    const { size } = statFile(path);
    const name = managed ? basename(path).replace(/^[0-9a-f-]{36}-/, '') : basename(path);
    const sha256 = await hashFile(path, size, ctx.signal, (done, total) => ctx.progress(done, total, `Hashing ${name}`));
    const table = type.kind === 'slide' ? 'slides' : 'videos';
    const existing = db.prepare(`SELECT name FROM ${table} WHERE case_id = ? AND sha256 = ?`).get(caseId, sha256) as { name: string } | undefined;
    if (existing) throw new CoreError('CONFLICT', `This case already has that file (as "${existing.name}").`);
    const file = db.transaction((): LibraryFile => {
      const at = new Date().toISOString();
      const id = Number(
        db
          .prepare(`INSERT INTO ${table} (case_id, path, name, size, sha256, format, managed, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
          .run(caseId, path, name, size, sha256, type.format, managed ? 1 : 0, ctx.actorId, at).lastInsertRowid,
      );
      const f = toFile(db.prepare(`${FILE_SELECT} WHERE kind = ? AND id = ?`).get(type.kind, id) as FileRow);
      appendAudit(db, { actorId: ctx.actorId, action: 'add', entity: type.kind, entityId: id, after: f });
      return f;
    })();
    emit({ type: 'library-changed', caseId });
    return file;
  },

  'files.remove': ({ kind, id }, ctx, { db, filesDir, emit }) => {
    const row = db.prepare(`${FILE_SELECT} WHERE kind = ? AND id = ?`).get(kind, id) as FileRow | undefined;
    if (!row) throw notFound(kind === 'slide' ? 'Slide' : 'Video', id);
    const before = toFile(row);
    try {
      db.transaction(() => {
        db.prepare(`DELETE FROM ${kind === 'slide' ? 'slides' : 'videos'} WHERE id = ?`).run(id);
        appendAudit(db, { actorId: ctx.actorId, action: 'remove', entity: kind, entityId: id, before });
      })();
    } catch (e) {
      if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
        throw new CoreError(
          'CONFLICT',
          `${before.name} has recordings, annotations or reviews attached, so it stays in the case (nothing of that work is removed). Delete those first if you really want it gone.`,
        );
      }
      throw e;
    }
    if (before.managed && isInside(filesDir, before.path)) rmSync(before.path, { force: true });
    emit({ type: 'library-changed', caseId: before.caseId });
    return { ok: true as const };
  },
};
