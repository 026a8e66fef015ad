import { EmptyState } from '../../components/EmptyState';

export function ExportView() {
  return (
    <main className="content">
      <EmptyState title="Nothing to export yet">
        <p>Reviewed regions and feedback instances are exported from here as a de-identified dataset.</p>
      </EmptyState>
    </main>
  );
}
