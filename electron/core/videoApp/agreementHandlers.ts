import type { Database } from 'better-sqlite3';
import type { VideoAgreement } from '../../../shared/contract';
import { agreementReport } from '../../../shared/feedback/agreement';
import { CoreError } from '../errors';
import type { Handlers } from '../dispatch/handlers';
import { userName, videoContext } from './instanceRows';
import { listInstances } from './instancesHandlers';
import { projectVocabulary } from './vocabulary';

/** NaN and ±Infinity (undefined figures, e.g. no instances) become null so the report survives JSON. */
function finite<T>(x: T): T {
  if (typeof x === 'number') return (Number.isFinite(x) ? x : null) as T;
  if (Array.isArray(x)) return x.map(finite) as T;
  if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, finite(v)])) as T;
  return x;
}

export function videoAgreement(db: Database, videoId: number, annotatorA: number, annotatorB: number, minIoU = 0.1): VideoAgreement {
  const v = videoContext(db, videoId);
  if (annotatorA === annotatorB) throw new CoreError('INVALID_INPUT', 'Agreement compares two different annotators.');
  const a = { id: annotatorA, name: userName(db, annotatorA) };
  const b = { id: annotatorB, name: userName(db, annotatorB) };
  const { vocabulary } = projectVocabulary(db, v.projectId);
  const listA = listInstances(db, videoId, { annotatorId: a.id, acceptedOnly: true });
  const listB = listInstances(db, videoId, { annotatorId: b.id, acceptedOnly: true });
  if (!listA.length && !listB.length) throw new CoreError('NOT_FOUND', `Neither ${a.name} nor ${b.name} has marked feedback on ${v.name} yet.`);
  const report = agreementReport(listA, listB, vocabulary, { minIoU });
  return finite({ videoId, annotatorA: a, annotatorB: b, minIoU, ...report }) as VideoAgreement;
}

export const agreementHandlers: Handlers<'video.agreement'> = {
  'video.agreement': ({ videoId, annotatorA, annotatorB, minIoU }, _ctx, { db }) => videoAgreement(db, videoId, annotatorA, annotatorB, minIoU),
};
