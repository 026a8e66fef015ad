import { useEffect, useState } from 'react';
import { AppError, type DraftingSettings as Settings } from '../../../../shared/contract';
import { api, errorMessage } from '../../api/client';

/** Settings → Drafting: the built-in offline backend, or an OpenAI-compatible chat server (with a warning before any remote URL). */
export function DraftingSettings() {
  const [saved, setSaved] = useState<Settings | null>(null);
  const [backend, setBackend] = useState<'builtin' | 'openai'>('builtin');
  const [url, setUrl] = useState('');
  const [model, setModel] = useState('');
  const [timeoutS, setTimeoutS] = useState('60');
  const [retries, setRetries] = useState('2');
  const [remoteWarning, setRemoteWarning] = useState<string | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    api.call('review.settings', {}).then(
      (s) => {
        setSaved(s);
        setBackend(s.backend);
        setUrl(s.url);
        setModel(s.model);
        setTimeoutS(String(Math.round(s.timeoutMs / 1000)));
        setRetries(String(s.retries));
      },
      (e) => setMessage({ ok: false, text: errorMessage(e) }),
    );
  }, []);

  const save = async (confirmRemote: boolean) => {
    setMessage(null);
    try {
      const s = await api.call('review.saveSettings', { backend, url, model, timeoutMs: Math.round(Number(timeoutS) * 1000), retries: Number(retries), confirmRemote });
      setSaved(s);
      setRemoteWarning(null);
      setMessage({ ok: true, text: s.backend === 'builtin' ? 'Drafts will be written by the built-in backend, offline.' : `Drafts will be written by ${s.model} at ${s.url}.` });
    } catch (e) {
      if (e instanceof AppError && e.code === 'FORBIDDEN') setRemoteWarning(e.message);
      else setMessage({ ok: false, text: errorMessage(e) });
    }
  };

  return (
    <section className="card drafting-settings" aria-label="Drafting">
      <h2>Drafting</h2>
      <p className="muted small">Which backend writes the AI drafts that reviewers accept, edit or reject. Every draft is labelled with the backend and model version.</p>
      <label className="row">
        <input type="radio" name="drafting-backend" checked={backend === 'builtin'} onChange={() => setBackend('builtin')} /> Built-in (offline): sentences composed from
        what was measured, starting from similar accepted rationales
      </label>
      <label className="row">
        <input type="radio" name="drafting-backend" checked={backend === 'openai'} onChange={() => setBackend('openai')} /> OpenAI-compatible chat server (llama.cpp,
        Ollama, …) that sees the region images
      </label>
      {backend === 'openai' && (
        <div className="drafting-fields">
          <label>
            <span>Server URL</span>
            <input className="mono" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="http://127.0.0.1:8080/v1" aria-label="Server URL" />
          </label>
          <label>
            <span>Model</span>
            <input value={model} onChange={(e) => setModel(e.target.value)} placeholder="llava:13b" aria-label="Model" />
          </label>
          <label>
            <span>Timeout (s)</span>
            <input type="number" min={1} max={600} value={timeoutS} onChange={(e) => setTimeoutS(e.target.value)} aria-label="Timeout in seconds" />
          </label>
          <label>
            <span>Retries</span>
            <input type="number" min={0} max={10} value={retries} onChange={(e) => setRetries(e.target.value)} aria-label="Retries" />
          </label>
        </div>
      )}
      {remoteWarning && (
        <div className="remote-warning" role="alert">
          <p>{remoteWarning}</p>
          <button className="danger" onClick={() => void save(true)}>
            Send region images to this server
          </button>{' '}
          <button className="link" onClick={() => setRemoteWarning(null)}>
            Cancel
          </button>
        </div>
      )}
      <button onClick={() => void save(false)}>Save drafting settings</button>
      {saved?.remote && saved.remoteConfirmed && <p className="bad small">Region images are sent to {saved.url}, which is not this computer.</p>}
      {message && (
        <p className={message.ok ? 'ok' : 'bad'} role="status">
          {message.text}
        </p>
      )}
    </section>
  );
}
