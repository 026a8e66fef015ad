import { EmptyState } from '../../components/EmptyState';

export function VideoView() {
  return (
    <main className="content">
      <EmptyState title="No video open">
        <p>Add an operating video to a case in the Library to mark trainer feedback on it.</p>
      </EmptyState>
    </main>
  );
}
