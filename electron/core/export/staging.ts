import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ExportState } from '../../../shared/contract/export';

/** The state file of an export in progress; a finished export does not carry it. */
export const STATE_FILE = '.sightline-export.json';
/** Inside each finished case folder while the export runs: its manifest lines and figures. */
export const CASE_FILE = '.case.json';
export const TMP_CASE_PREFIX = '.tmp-';

export const partialDirOf = (out: string) => `${out}.partial`;

export function isEmptyDir(path: string): boolean {
  try {
    return statSync(path).isDirectory() && readdirSync(path).length === 0;
  } catch {
    return false;
  }
}

function finishedCases(partial: string): number {
  const cases = join(partial, 'cases');
  if (!existsSync(cases)) return 0;
  return readdirSync(cases).filter((d) => !d.startsWith(TMP_CASE_PREFIX) && existsSync(join(cases, d, CASE_FILE))).length;
}

/** What is at an output folder: nothing, an interrupted export (resumable), a finished export, or something else. */
export function exportState(out: string): ExportState {
  const partial = partialDirOf(out);
  if (existsSync(join(partial, STATE_FILE))) return { state: 'partial', casesWritten: finishedCases(partial) };
  if (!existsSync(out) || isEmptyDir(out)) return { state: 'none', casesWritten: 0 };
  if (existsSync(join(out, 'manifest.jsonl')) && existsSync(join(out, 'README.md'))) {
    const n = existsSync(join(out, 'cases')) ? readdirSync(join(out, 'cases')).length : 0;
    return { state: 'complete', casesWritten: n };
  }
  return { state: 'other', casesWritten: 0 };
}

export interface StagingState {
  format: string;
  projectId: number;
  /** Options that change what is written: a resumed export must use the same. */
  options: { includeRejected: boolean; deidentify: boolean; maxCropSide: number };
}

export function readStagingState(partial: string): StagingState | null {
  try {
    return JSON.parse(readFileSync(join(partial, STATE_FILE), 'utf8')) as StagingState;
  } catch {
    return null;
  }
}
