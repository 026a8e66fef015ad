import type { LibraryFile } from '../../../../shared/contract';

/** The case's slides, to move between them (Page Up / Page Down). */
export function SlideStrip({ slides, currentId, onOpen }: { slides: LibraryFile[]; currentId: number; onOpen(id: number): void }) {
  return (
    <nav className="slide-strip" aria-label="Slides of this case">
      {slides.map((s) => (
        <button key={s.id} className={s.id === currentId ? 'selected' : ''} onClick={() => onOpen(s.id)} title={s.name} aria-current={s.id === currentId ? 'true' : undefined}>
          <img src={`/res/slides/${s.id}/thumbnail.jpg`} alt="" loading="lazy" onError={(e) => ((e.target as HTMLImageElement).style.visibility = 'hidden')} />
          <span>{s.name}</span>
        </button>
      ))}
    </nav>
  );
}
