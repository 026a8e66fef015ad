import { useEffect, useState } from 'react';
import type { VideoExportFormat } from '../../../../shared/contract';
import { useVideoAnalysisStore, type ExportChoice } from '../../stores/useVideoAnalysisStore';
import { useVideoStore } from '../../stores/useVideoStore';

const FORMATS: { key: VideoExportFormat; label: string }[] = [
  { key: 'csv', label: 'CSV (one row per instance)' },
  { key: 'jsonl', label: 'JSON Lines' },
  { key: 'vtt', label: 'WebVTT subtitles' },
  { key: 'eaf', label: 'ELAN .eaf' },
  { key: 'clips', label: 'Clips around each instance' },
];

/** Export the accepted instances; names found in transcripts are listed first and replaced unless kept. */
export function ExportPanel() {
  const opened = useVideoStore((s) => s.opened);
  const { nameFlags, exported, busy, loadNameFlags, exportNow } = useVideoAnalysisStore();
  const [c, setC] = useState<ExportChoice>({ formats: ['csv', 'jsonl', 'vtt', 'eaf'], clipsPaddingS: 5, outDir: '', redactNames: true, deidentify: true, scope: 'video' });
  const scope = opened ? (c.scope === 'video' ? { videoId: opened.video.id } : { caseId: opened.video.caseId }) : null;
  const scopeKey = JSON.stringify(scope);
  useEffect(() => {
    if (scopeKey !== 'null') void loadNameFlags(JSON.parse(scopeKey) as { videoId: number } | { caseId: number });
  }, [scopeKey, loadNameFlags]);
  if (!opened || !scope) return null;
  const flagged = nameFlags?.reduce((n, r) => n + r.flags.length, 0) ?? 0;
  const set = (patch: Partial<ExportChoice>) => setC({ ...c, ...patch });
  return (
    <div className="video-export">
      <fieldset>
        <legend>What</legend>
        <label className="check">
          <input type="radio" name="export-scope" checked={c.scope === 'video'} onChange={() => set({ scope: 'video' })} /> This video
        </label>
        <label className="check">
          <input type="radio" name="export-scope" checked={c.scope === 'case'} onChange={() => set({ scope: 'case' })} /> Every video of {opened.video.caseName}
        </label>
      </fieldset>
      <fieldset>
        <legend>Formats</legend>
        {FORMATS.map((fm) => (
          <label key={fm.key} className="check">
            <input
              type="checkbox"
              checked={c.formats.includes(fm.key)}
              onChange={(e) => set({ formats: e.target.checked ? [...c.formats, fm.key] : c.formats.filter((x) => x !== fm.key) })}
            />
            {fm.label}
          </label>
        ))}
        {c.formats.includes('clips') && (
          <label>
            Seconds before and after each clip
            <input type="number" min={0} max={600} step={0.5} value={c.clipsPaddingS} onChange={(e) => set({ clipsPaddingS: Math.max(0, Number(e.target.value) || 0) })} />
          </label>
        )}
      </fieldset>
      <fieldset>
        <legend>De-identification</legend>
        <div className="name-flags" aria-label="Names found in transcripts">
          {nameFlags === null ? (
            <span className="muted small">Looking for names…</span>
          ) : flagged === 0 ? (
            <span className="ok small">No names found in the transcripts.</span>
          ) : (
            <>
              <span className="bad small">
                {flagged} possible name(s) in {nameFlags.length} transcript(s):
              </span>
              <ul className="small">
                {nameFlags.slice(0, 12).map((r) => (
                  <li key={r.instanceId}>{r.flags.map((x) => x.text).join(', ')}</li>
                ))}
              </ul>
            </>
          )}
        </div>
        <label className="check">
          <input type="checkbox" checked={c.redactNames} onChange={(e) => set({ redactNames: e.target.checked })} /> Replace names in transcripts by [NAME]
        </label>
        <label className="check">
          <input type="checkbox" checked={c.deidentify} onChange={(e) => set({ deidentify: e.target.checked })} /> Case and annotator as pseudonyms
        </label>
      </fieldset>
      <label>
        Folder (new or empty; empty field: in Sightline's data folder)
        <input type="text" value={c.outDir} onChange={(e) => set({ outDir: e.target.value })} placeholder="/path/to/new/folder" aria-label="Export folder" />
      </label>
      <button className="primary" disabled={!c.formats.length || busy === 'export'} onClick={() => void exportNow(scope, c)}>
        {busy === 'export' ? 'Exporting…' : 'Export'}
      </button>
      {exported && (
        <div className="card" role="status" aria-label="Export result">
          <strong>
            {exported.instances} instance(s) of {exported.videos} video(s) written to <span className="mono">{exported.dir}</span>
          </strong>
          <ul className="small mono">
            {exported.files.map((x) => (
              <li key={x.name}>
                {x.name} ({x.bytes.toLocaleString()} bytes)
              </li>
            ))}
          </ul>
          {exported.flaggedNames > 0 && <span className="small">{exported.redacted ? `${exported.flaggedNames} name(s) replaced by [NAME].` : `${exported.flaggedNames} name(s) kept.`}</span>}
        </div>
      )}
    </div>
  );
}
