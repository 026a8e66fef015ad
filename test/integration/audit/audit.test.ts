import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { call, tempCore, tempDir } from '../../support/tempCore';

async function coreWithHistory() {
  const dataDir = tempDir();
  const core = tempCore(dataDir);
  const ada = await call<{ id: number }>(core, 'profiles.create', { name: 'Ada', role: 'pathologist' });
  const p = await call<{ id: number }>(core, 'projects.create', { name: 'Study' }, ada.id);
  await call(core, 'cases.create', { projectId: p.id, name: 'Case 1' }, ada.id);
  await call(core, 'cases.create', { projectId: p.id, name: 'Case 2' }, ada.id);
  return { core, dataDir, adaId: ada.id };
}

/** A second connection, as an attacker with file access would have, with the append-only triggers removed. */
function tamper(dataDir: string, sql: string): void {
  const db = new Database(join(dataDir, 'sightline.db'));
  db.exec('DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;');
  db.exec(sql);
  db.close();
}

describe('the audit log', () => {
  it('records every write with its actor, and the chain verifies', async () => {
    const { core, adaId } = await coreWithHistory();
    const rows = await call<{ action: string; entity: string; actorId: number }[]>(core, 'audit.recent', {});
    expect(rows.map((r) => `${r.action} ${r.entity}`)).toEqual(['create case', 'create case', 'create project', 'create user']);
    expect(rows.every((r) => r.actorId === adaId)).toBe(true);
    expect(await call(core, 'audit.verify', {})).toEqual({ ok: true, rows: 4, firstBadRowId: null, reason: null });
    core.close();
  });

  it('detects a row changed after it was written', async () => {
    const { core, dataDir } = await coreWithHistory();
    core.close();
    tamper(dataDir, `UPDATE audit SET after = replace(after, 'Case 1', 'Case X') WHERE id = 3`);
    const reopened = tempCore(dataDir);
    const verdict = await call<{ ok: boolean; firstBadRowId: number; reason: string }>(reopened, 'audit.verify', {});
    expect(verdict.ok).toBe(false);
    expect(verdict.firstBadRowId).toBe(3);
    expect(verdict.reason).toMatch(/changed/);
    reopened.close();
  });

  it('detects a row removed from the middle of the chain', async () => {
    const { core, dataDir } = await coreWithHistory();
    core.close();
    tamper(dataDir, 'DELETE FROM audit WHERE id = 2');
    const reopened = tempCore(dataDir);
    const verdict = await call<{ ok: boolean; firstBadRowId: number }>(reopened, 'audit.verify', {});
    expect(verdict).toMatchObject({ ok: false, firstBadRowId: 3 });
    reopened.close();
  });

  it('cannot be edited through SQLite while its triggers stand', async () => {
    const { core, dataDir } = await coreWithHistory();
    core.close();
    const db = new Database(join(dataDir, 'sightline.db'));
    expect(() => db.exec("UPDATE audit SET action = 'x' WHERE id = 1")).toThrow(/append-only/);
    db.close();
  });
});
