import { useEffect, useState } from 'react';
import type { ModelEntry } from '../../../../shared/contract';
import { api, errorMessage } from '../../api/client';
import { preferredProposer, setPreferredProposer, useProposalStore } from '../../stores/useProposalStore';
import { AddModelForm } from './AddModelForm';
import { TrainFromProject } from './TrainFromProject';

/** Settings → Models: every model with its verdict, the proposer version to use, adding one's own, retraining. */
export function ModelSettings() {
  const [models, setModels] = useState<ModelEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [preferred, setPreferred] = useState(preferredProposer() ?? '');

  const refresh = () => {
    api.call('models.list', {}).then(
      (list) => (setModels(list), setError(null)),
      (e) => setError(errorMessage(e)),
    );
    void useProposalStore.getState().loadModels();
  };
  useEffect(refresh, []);

  const proposers = (models ?? []).filter((m) => m.status === 'ok' && m.task === 'region-proposal');
  return (
    <section className="card model-settings" aria-label="Models">
      <h2>Models</h2>
      {error && (
        <p className="bad small" role="alert">
          {error}
        </p>
      )}
      {models === null ? (
        <p className="muted">Checking models…</p>
      ) : (
        <table className="models" aria-label="Models">
          <tbody>
            {models.map((m) => (
              <tr key={`${m.id}|${m.cardPath}`} data-testid="model-row" data-status={m.status}>
                <td className={m.status === 'ok' ? 'ok' : 'bad'}>{m.status === 'ok' ? '✓' : '✗'}</td>
                <td>
                  {m.name} <span className="mono">{m.version}</span>
                </td>
                <td className="muted small">{m.task}</td>
                <td className="muted small">{m.source === 'shipped' ? 'ships with Sightline' : m.training ? 'trained here' : 'added'}</td>
                <td className="small">{m.status === 'ok' ? (m.training?.heldOut ? `held-out recall ${m.training.heldOut.recall.toFixed(2)}, precision ${m.training.heldOut.precision.toFixed(2)}` : '') : <span className="bad">{m.problem}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <label>
        Region proposals use
        <select
          aria-label="Region proposals use"
          value={preferred}
          onChange={(e) => {
            setPreferred(e.target.value);
            setPreferredProposer(e.target.value || null);
            if (e.target.value) useProposalStore.getState().chooseModel(e.target.value);
          }}
        >
          <option value="">the newest usable version</option>
          {proposers.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name} {m.version}
            </option>
          ))}
        </select>
      </label>
      <TrainFromProject onTrained={refresh} />
      <AddModelForm onAdded={refresh} />
    </section>
  );
}
