// A labelled synthetic set of feedback instances: transcripts built from phrase pools, an effectiveness
// label, and a motion change. With `informative`, the label depends on the wording and the motion (with some
// label noise); without it, the labels are coin flips independent of everything else.
import { seededRandom } from '../../../shared/feedback/random';

const DIRECTIVE = ['retract more to the left', 'slow down with the needle', 'move the camera in', 'grab the tissue higher', 'cut closer to the clip', 'lift the bladder up', 'open your jaws wider', 'rotate the needle driver'];
const AFFIRM = ['good job', 'nice work', 'that looks fine', 'okay keep going', 'yes exactly', 'great exposure', 'perfect thank you', 'that is the ureter'];
const FILLER = ['now', 'here', 'see', 'just', 'so', 'this', 'there', 'alright'];

export interface SyntheticInstance {
  transcript: string;
  motionDelta: number;
  effective: 0 | 1;
}

export function syntheticInstances(n: number, seed: number, informative: boolean): SyntheticInstance[] {
  const r = seededRandom(seed);
  const pick = (a: string[]) => a[Math.floor(r() * a.length)];
  const out: SyntheticInstance[] = [];
  for (let i = 0; i < n; i++) {
    const directive = r() < 0.5;
    const words = [pick(FILLER), directive ? pick(DIRECTIVE) : pick(AFFIRM), r() < 0.5 ? pick(FILLER) : ''];
    // A directive is usually followed by a change in what the hands do.
    const motionDelta = (directive ? 0.02 : 0) + (r() - 0.5) * 0.04;
    const truth = directive ? (r() < 0.85 ? 1 : 0) : r() < 0.15 ? 1 : 0;
    out.push({ transcript: words.filter(Boolean).join(' '), motionDelta, effective: informative ? truth : r() < 0.5 ? 1 : 0 });
  }
  return out;
}
