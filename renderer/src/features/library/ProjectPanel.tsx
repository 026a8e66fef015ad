import { useState, type FormEvent } from 'react';
import { useLibraryStore } from '../../stores/useLibraryStore';

function InlineCreate({ label, onCreate }: { label: string; onCreate(name: string): Promise<boolean> }) {
  const [name, setName] = useState('');
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (await onCreate(name.trim())) setName('');
  }
  return (
    <form className="inline-create" onSubmit={submit}>
      <input value={name} onChange={(e) => setName(e.target.value)} placeholder={label} aria-label={label} />
      <button type="submit" disabled={!name.trim()}>
        Add
      </button>
    </form>
  );
}

export function ProjectPanel() {
  const { projects, projectId, cases, caseId, selectProject, selectCase, createProject, createCase } = useLibraryStore();
  return (
    <aside className="side-panel">
      <section aria-label="Projects">
        <h2>Projects</h2>
        {projects.length === 0 && <p className="muted small">No projects yet. A project groups the cases of one study or teaching set.</p>}
        <ul className="select-list">
          {projects.map((p) => (
            <li key={p.id}>
              <button className={p.id === projectId ? 'selected' : ''} onClick={() => void selectProject(p.id)}>
                {p.name} <span className="muted small">{p.caseCount} cases</span>
              </button>
            </li>
          ))}
        </ul>
        <InlineCreate label="New project name" onCreate={createProject} />
      </section>
      {projectId !== null && (
        <section aria-label="Cases">
          <h2>Cases</h2>
          {cases.length === 0 && <p className="muted small">No cases yet. A case holds the slides and videos of one patient or procedure.</p>}
          <ul className="select-list">
            {cases.map((c) => (
              <li key={c.id}>
                <button className={c.id === caseId ? 'selected' : ''} onClick={() => void selectCase(c.id)}>
                  {c.name}{' '}
                  <span className="muted small">
                    {c.slideCount} slides · {c.videoCount} videos
                  </span>
                </button>
              </li>
            ))}
          </ul>
          <InlineCreate label="New case name" onCreate={createCase} />
        </section>
      )}
    </aside>
  );
}
