import { useEffect, useRef } from 'react';
import { useReviewStore } from '../../stores/useReviewStore';
import { itemStatus, itemTitle } from './reviewFormat';

export function QueueList() {
  const items = useReviewStore((s) => s.items);
  const index = useReviewStore((s) => s.index);
  const select = useReviewStore((s) => s.select);
  const list = useRef<HTMLOListElement | null>(null);
  useEffect(() => {
    list.current?.querySelector('[aria-current="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [index]);
  return (
    <ol className="queue-list" ref={list} aria-label="Review queue">
      {items.map((it, i) => (
        <li key={it.id}>
          <button className={i === index ? 'selected' : ''} aria-current={i === index} onClick={() => select(i)}>
            <span className="queue-title">{itemTitle(it)}</span>
            <span className="muted small">
              {it.slideName} · <span className={`status-${itemStatus(it).replace(' ', '-')}`}>{itemStatus(it)}</span>
              {it.flags.length > 0 && <span className="bad"> · identifiers?</span>}
            </span>
          </button>
        </li>
      ))}
    </ol>
  );
}
