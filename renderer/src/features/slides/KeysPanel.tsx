import { VIEWER_KEYS } from './hotkeys';

/** Every keyboard shortcut of the viewer and of the features plugged into it. */
export function KeysPanel() {
  return (
    <table className="keys" aria-label="Keyboard shortcuts">
      <tbody>
        {VIEWER_KEYS.map((k) => (
          <tr key={k.keys}>
            <td className="mono">{k.keys}</td>
            <td>{k.does}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
