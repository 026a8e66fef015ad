import { EmptyState } from '../../components/EmptyState';

export function ReviewView() {
  return (
    <main className="content">
      <EmptyState title="Nothing to review">
        <p>Regions you inspected on a slide and regions a model proposed appear here with drafted rationales to accept (Enter), edit (E) or reject (X).</p>
      </EmptyState>
    </main>
  );
}
