import { useState, type FormEvent } from 'react';
import { Role, type Role as RoleT } from '../../../../shared/contract';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useProfileStore } from '../../stores/useProfileStore';

const ROLE_LABELS: Record<RoleT, string> = {
  pathologist: 'Pathologist',
  'surgical-trainer': 'Surgical trainer',
  annotator: 'Annotator',
  researcher: 'Researcher',
};

/** Who is working: every recorded event, review and audit row is attributed to this profile. */
export function ProfileGate() {
  const { profiles, loading, error, create, select } = useProfileStore();
  const [name, setName] = useState('');
  const [role, setRole] = useState<RoleT>('pathologist');

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (await create(name, role)) setName('');
  }

  return (
    <div className="gate">
      <h1>Sightline</h1>
      <p className="muted">Choose your annotator profile. Everything you record, review and export is attributed to it.</p>
      <ErrorBanner message={error} />
      {loading && <p className="muted">Loading profiles…</p>}
      {profiles.length > 0 && (
        <ul className="profile-list" aria-label="Profiles">
          {profiles.map((p) => (
            <li key={p.id}>
              <button className="profile" onClick={() => select(p.id)}>
                <strong>{p.name}</strong> <span className="muted">{ROLE_LABELS[p.role]}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="card" onSubmit={onSubmit} aria-label="Create profile">
        <h2>{profiles.length ? 'New profile' : 'Create your profile'}</h2>
        <label>
          Name
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Dr. A. Rivera" autoFocus required maxLength={80} />
        </label>
        <label>
          Role
          <select value={role} onChange={(e) => setRole(e.target.value as RoleT)}>
            {Role.options.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary" disabled={!name.trim()}>
          Create profile
        </button>
      </form>
    </div>
  );
}
