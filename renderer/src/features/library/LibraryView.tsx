import { useEffect } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useLibraryStore } from '../../stores/useLibraryStore';
import { useSlideStore } from '../../stores/useSlideStore';
import { SlideViewerPage } from '../slides/SlideViewerPage';
import { AddFiles } from './AddFiles';
import { FileTable } from './FileTable';
import { ProjectPanel } from './ProjectPanel';

export function LibraryView() {
  const { projects, projectId, cases, caseId, files, loading, error, loadProjects, clearError } = useLibraryStore();
  useEffect(() => {
    void loadProjects();
  }, [loadProjects]);
  const openSlide = useSlideStore((s) => s.slideId);
  const currentCase = cases.find((c) => c.id === caseId);
  if (openSlide !== null) return <SlideViewerPage />;

  return (
    <div className="library">
      <ProjectPanel />
      <main className="content">
        <ErrorBanner message={error} onDismiss={clearError} />
        {loading && <p className="muted">Loading library…</p>}
        {!loading && projects.length === 0 && (
          <EmptyState title="Your library is empty">
            <p>Create a project on the left (for example "GI biopsies 2026"), add a case to it, then add the case's slides and videos.</p>
          </EmptyState>
        )}
        {projectId !== null && caseId === null && cases.length === 0 && (
          <EmptyState title="No cases in this project">
            <p>Add a case on the left. A case holds the slides and videos of one patient or procedure.</p>
          </EmptyState>
        )}
        {currentCase && (
          <>
            <h2 className="case-title">{currentCase.name}</h2>
            <AddFiles />
            {files.length === 0 ? (
              <EmptyState title="No slides or videos in this case yet">
                <p>Slides: SVS, TIFF/BigTIFF, OME-TIFF, NDPI, MRXS, SCN, DZI, PNG, JPEG. Videos: MP4, MOV, WebM, MKV.</p>
              </EmptyState>
            ) : (
              <FileTable files={files} />
            )}
          </>
        )}
      </main>
    </div>
  );
}
