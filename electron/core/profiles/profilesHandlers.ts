import type { Profile, Role } from '../../../shared/contract';
import { appendAudit } from '../audit/audit';
import { fromSqliteError } from '../errors';
import type { Handlers } from '../dispatch/handlers';

interface UserRow {
  id: number;
  name: string;
  role: Role;
  created_at: string;
}
const toProfile = (r: UserRow): Profile => ({ id: r.id, name: r.name, role: r.role, createdAt: r.created_at });

export const profilesHandlers: Handlers<'profiles.list' | 'profiles.create'> = {
  'profiles.list': (_in, _ctx, { db }) => (db.prepare('SELECT * FROM users ORDER BY name COLLATE NOCASE').all() as UserRow[]).map(toProfile),
  'profiles.create': ({ name, role }, ctx, { db }) => {
    try {
      return db.transaction(() => {
        const at = new Date().toISOString();
        const id = Number(db.prepare('INSERT INTO users (name, role, created_at) VALUES (?, ?, ?)').run(name, role, at).lastInsertRowid);
        const profile: Profile = { id, name, role, createdAt: at };
        appendAudit(db, { actorId: ctx.actorId ?? id, action: 'create', entity: 'user', entityId: id, after: profile });
        return profile;
      })();
    } catch (e) {
      throw fromSqliteError(e, `A profile named "${name}" already exists; pick it instead.`) ?? e;
    }
  },
};
