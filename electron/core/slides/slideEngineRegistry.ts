import { join } from 'node:path';
import type { CoreDeps } from '../context';
import { SlideEngine } from './slideEngine';

const engines = new WeakMap<CoreDeps['db'], SlideEngine>();

/** The slide engine of a core (one per database connection, created on first use). */
export function slideEngineFor(deps: Pick<CoreDeps, 'db' | 'dataDir'>): SlideEngine {
  let e = engines.get(deps.db);
  if (!e) {
    e = new SlideEngine({ cacheDir: join(deps.dataDir, 'cache', 'pyramids') });
    engines.set(deps.db, e);
  }
  return e;
}

/** Closes every open slide of a core; call before closing its database. */
export async function closeSlideEngine(deps: Pick<CoreDeps, 'db'>): Promise<void> {
  const e = engines.get(deps.db);
  if (!e) return;
  engines.delete(deps.db);
  await e.closeAll();
}
