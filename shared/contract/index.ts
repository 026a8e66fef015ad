import type { z } from 'zod';
import { profileCalls } from './profiles';
import { libraryCalls } from './library';
import { systemCalls } from './system';
import { recordingCalls } from './recording';
import { slideCalls } from './slides';
import { modelCalls } from './models';
import { annotationCalls } from './annotations';
import { behaviorCalls } from './behavior';
import { reviewCalls } from './review';
import { exportCalls } from './export';
import { videoCalls } from './video';

export const calls = {
  ...profileCalls,
  ...libraryCalls,
  ...systemCalls,
  ...recordingCalls,
  ...slideCalls,
  ...modelCalls,
  ...annotationCalls,
  ...behaviorCalls,
  ...reviewCalls,
  ...exportCalls,
  ...videoCalls,
} as const;

export type Calls = typeof calls;
export type CallName = keyof Calls;
export type CallInput<N extends CallName> = z.input<Calls[N]['input']>;
export type CallOutput<N extends CallName> = z.output<Calls[N]['output']>;

export function isCallName(name: string): name is CallName {
  return Object.prototype.hasOwnProperty.call(calls, name);
}

export * from './errors';
export * from './events';
export * from './profiles';
export * from './library';
export * from './system';
export * from './recording';
export * from './slides';
export * from './models';
export * from './annotations';
export * from './behavior';
export * from './bridge';
export * from './review';
export * from './export';
export * from './video';
