import type { Database } from 'better-sqlite3';
import { appendAudit } from '../audit/audit';
import type { Handlers } from '../dispatch/handlers';
import { notFound } from '../errors';
import { describeSlide, slideDetails } from './slideDescriptor';
import type { OpenedSlide } from './slideEngine';
import { slideEngineFor } from './slideEngineRegistry';

interface SlideMetaRow {
  name: string;
  width: number | null;
  height: number | null;
  mpp_x: number | null;
  mpp_y: number | null;
  objective: number | null;
}

/** Records what opening the file revealed (size, MPP, objective) on the slide's row, audited, when it differs. */
export function recordSlideMetadata(db: Database, s: OpenedSlide, actorId: number | null): string {
  const row = db.prepare('SELECT name, width, height, mpp_x, mpp_y, objective FROM slides WHERE id = ?').get(s.slideId) as SlideMetaRow | undefined;
  if (!row) throw notFound('Slide', s.slideId);
  const after = {
    width: s.reader.width,
    height: s.reader.height,
    mpp_x: s.reader.mpp?.x ?? null,
    mpp_y: s.reader.mpp?.y ?? null,
    objective: s.reader.objectivePower,
  };
  const before = { width: row.width, height: row.height, mpp_x: row.mpp_x, mpp_y: row.mpp_y, objective: row.objective };
  if (JSON.stringify(before) !== JSON.stringify(after)) {
    db.transaction(() => {
      db.prepare('UPDATE slides SET width = @width, height = @height, mpp_x = @mpp_x, mpp_y = @mpp_y, objective = @objective WHERE id = @id').run({ ...after, id: s.slideId });
      appendAudit(db, { actorId, action: 'update-metadata', entity: 'slide', entityId: s.slideId, before, after });
    })();
  }
  return row.name;
}

export const slidesHandlers: Handlers<'slides.open' | 'slides.info' | 'slides.close'> = {
  'slides.open': async ({ slideId }, ctx, deps) => {
    const s = await slideEngineFor(deps).byId(deps.db, slideId);
    const name = recordSlideMetadata(deps.db, s, ctx.actorId);
    return describeSlide(s, name);
  },
  'slides.info': async ({ slideId }, ctx, deps) => {
    const s = await slideEngineFor(deps).byId(deps.db, slideId);
    const name = recordSlideMetadata(deps.db, s, ctx.actorId);
    return slideDetails(s, name);
  },
  'slides.close': async ({ slideId }, _ctx, deps) => {
    await slideEngineFor(deps).close(slideId);
    return { ok: true as const };
  },
};
