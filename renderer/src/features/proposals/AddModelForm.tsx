import { useState } from 'react';
import type { ModelEntry } from '../../../../shared/contract';
import { api, errorMessage } from '../../api/client';

/** "Add model…": the path of a card.json (naming its .onnx beside it), or of an .onnx file and its card. */
export function AddModelForm({ onAdded }: { onAdded(m: ModelEntry): void }) {
  const [path, setPath] = useState('');
  const [cardPath, setCardPath] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [added, setAdded] = useState<ModelEntry | null>(null);
  const onnx = path.trim().toLowerCase().endsWith('.onnx');

  const add = async () => {
    setBusy(true);
    setError(null);
    setAdded(null);
    try {
      const m = await api.call('models.add', { path: path.trim(), ...(cardPath.trim() ? { cardPath: cardPath.trim() } : {}) });
      setAdded(m);
      setPath('');
      setCardPath('');
      onAdded(m);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="add-model"
      aria-label="Add model"
      onSubmit={(e) => {
        e.preventDefault();
        void add();
      }}
    >
      <h3>Add model…</h3>
      <label>
        card.json (or the .onnx file)
        <input className="mono" value={path} onChange={(e) => setPath(e.target.value)} placeholder="/path/to/my-model/card.json" spellCheck={false} />
      </label>
      {onnx && (
        <label>
          Its card.json
          <input className="mono" value={cardPath} onChange={(e) => setCardPath(e.target.value)} placeholder="/path/to/card.json" spellCheck={false} />
        </label>
      )}
      <button type="submit" disabled={busy || path.trim() === ''}>
        {busy ? 'Checking…' : 'Add model'}
      </button>
      <p className="small muted">The file, its sha256 and its inputs/outputs are checked against the card before it is copied into the data folder.</p>
      {error && (
        <p className="bad small" role="alert">
          {error}
        </p>
      )}
      {added && (
        <p className="ok small" role="status">
          Added {added.name} {added.version}.
        </p>
      )}
    </form>
  );
}
