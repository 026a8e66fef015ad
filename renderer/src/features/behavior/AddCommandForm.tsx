import { useState } from 'react';
import type { BehaviorConfig, CommandKind } from '../../../../shared/behavior';
import { binOf } from '../../../../shared/behavior';
import { useBehaviorStore } from '../../stores/useBehaviorStore';
import { useViewerStore } from '../../stores/useViewerStore';

/** Kind and magnification of a box the reviewer just drew. */
export function AddCommandForm({ config }: { config: BehaviorConfig }) {
  const current = useViewerStore((s) => s.magnification);
  const busy = useBehaviorStore((s) => s.busy);
  const saveDraft = useBehaviorStore((s) => s.saveDraft);
  const cancel = useBehaviorStore((s) => s.cancelDrawing);
  const [magnification, setMagnification] = useState(() => (current ? binOf(current, config.magnificationBins) : config.magnificationBins[0]));
  const [chosenKind, setKind] = useState<CommandKind | null>(null);
  const kind = chosenKind ?? (magnification >= config.peekMinMagnification ? 'peek' : 'inspect');
  return (
    <form
      className="cmd-add"
      aria-label="New command"
      onSubmit={(e) => {
        e.preventDefault();
        void saveDraft(kind, magnification);
      }}
    >
      <label>
        Kind
        <select value={kind} onChange={(e) => setKind(e.target.value as CommandKind)}>
          <option value="inspect">inspect</option>
          <option value="peek">peek</option>
        </select>
      </label>
      <label>
        Magnification
        <select value={magnification} onChange={(e) => setMagnification(Number(e.target.value))}>
          {config.magnificationBins.map((m) => (
            <option key={m} value={m}>
              {m}×
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="primary" disabled={busy}>
        Add command
      </button>
      <button type="button" onClick={cancel}>
        Cancel
      </button>
    </form>
  );
}
