import { useEffect, useState } from 'react';
import type { AuditVerdict, DoctorCheck, SystemInfo } from '../../../../shared/contract';
import { api, errorMessage } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useProfileStore } from '../../stores/useProfileStore';
import { RecordingSettings } from './RecordingSettings';
import { DraftingSettings } from './DraftingSettings';
import { ModelSettings } from '../proposals/ModelSettings';

export function SettingsView() {
  const current = useProfileStore((s) => s.current);
  const switchProfile = useProfileStore((s) => s.switchProfile);
  const [info, setInfo] = useState<SystemInfo | null>(null);
  const [checks, setChecks] = useState<DoctorCheck[] | null>(null);
  const [audit, setAudit] = useState<AuditVerdict | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api.call('system.info', {}).then(setInfo, (e) => setError(errorMessage(e)));
    api.call('system.doctor', {}).then(setChecks, (e) => setError(errorMessage(e)));
  }, []);

  return (
    <main className="content settings">
      <ErrorBanner message={error} />
      <section className="card">
        <h2>Profile</h2>
        <p>
          Signed in as <strong>{current?.name}</strong> ({current?.role}).{' '}
          <button className="link" onClick={switchProfile}>
            Switch profile
          </button>
        </p>
      </section>
      <RecordingSettings />
      <DraftingSettings />
      <ModelSettings />
      <section className="card">
        <h2>Data</h2>
        {info ? (
          <dl className="facts">
            <dt>Data folder</dt>
            <dd className="mono">{info.dataDir}</dd>
            <dt>Running as</dt>
            <dd>{info.door === 'electron' ? 'desktop app' : 'browser mode (127.0.0.1 only)'}</dd>
            <dt>Version</dt>
            <dd>
              {info.version} (schema {info.schemaVersion})
            </dd>
          </dl>
        ) : (
          <p className="muted">Loading…</p>
        )}
        <button onClick={() => api.call('audit.verify', {}).then(setAudit, (e) => setError(errorMessage(e)))}>Verify audit log</button>
        {audit && (
          <p className={audit.ok ? 'ok' : 'bad'} role="status">
            {audit.ok ? `Audit log intact (${audit.rows} rows).` : `Audit log tampered: ${audit.reason}`}
          </p>
        )}
      </section>
      <section className="card">
        <h2>This machine</h2>
        {checks ? (
          <table className="checks" aria-label="System checks">
            <tbody>
              {checks.map((c) => (
                <tr key={c.name}>
                  <td className={c.ok ? 'ok' : 'bad'}>{c.ok ? '✓' : '✗'}</td>
                  <td>{c.name}</td>
                  <td className="mono">{c.version ?? '—'}</td>
                  <td className="muted small">{c.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted">Checking…</p>
        )}
      </section>
    </main>
  );
}
