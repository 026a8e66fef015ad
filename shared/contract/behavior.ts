import { z } from 'zod';
import { defineCall } from './defineCall';
import { Id, IsoTime } from './common';
import { RecordingSession } from './recording';
import { BehaviorCommand, BehaviorConfig, CommandKind } from '../behavior';

/** Where a command shown to the reviewer comes from. */
export const CommandProvenance = z.enum(['derived', 'edited', 'added']);
export type CommandProvenance = z.infer<typeof CommandProvenance>;

/** What a reviewer did to a command. Undo is not an action of its own: it marks an edit reverted. */
export const CommandEditAction = z.enum(['delete', 'redraw', 'add']);
export type CommandEditAction = z.infer<typeof CommandEditAction>;

/** [x0, y0, x1, y1] in level-0 pixels as a reviewer draws it: clipped to the slide and rounded outwards by the core. */
export const EditBox = z
  .tuple([z.number(), z.number(), z.number(), z.number()])
  .refine((b) => b[0] < b[2] && b[1] < b[3], 'A box needs x0 < x1 and y0 < y1.');

/** One reviewer edit, stored as made (an undone edit stays, flagged reverted). */
export const CommandEdit = z.object({
  id: Id,
  sessionId: Id,
  action: CommandEditAction,
  /** The derived command edited (its id when the edit was made), or null for an added command and edits of one. */
  derivedId: Id.nullable(),
  /** For a delete or redraw of an added command: the id of the edit that added it. */
  addedId: Id.nullable(),
  box: BehaviorCommand.shape.box.nullable(),
  kind: CommandKind.nullable(),
  magnification: z.number().positive().nullable(),
  /** The derived command as it was when the edit was made (provenance). */
  derived: BehaviorCommand.nullable(),
  authorId: Id,
  authorName: z.string(),
  createdAt: IsoTime,
  reverted: z.boolean(),
  revertedAt: IsoTime.nullable(),
  revertedBy: Id.nullable(),
});
export type CommandEdit = z.infer<typeof CommandEdit>;

/** A command as the reviewer sees it: a derived command, possibly edited or deleted, or one the reviewer added. */
export const EffectiveCommand = z.object({
  /** Stable key within the session: `d<derivedId>` or `a<addedId>`. */
  key: z.string(),
  /** The number drawn on the slide: a derived command keeps its id; added ones follow the derived ones, in order of addition. */
  number: z.number().int().positive(),
  provenance: CommandProvenance,
  deleted: z.boolean(),
  derivedId: Id.nullable(),
  /** The id of the edit that added this command (provenance 'added'), else null. */
  addedId: Id.nullable(),
  /** The latest edit in force on this command (add, redraw or delete), or null for an untouched derived command. */
  editId: Id.nullable(),
  kind: CommandKind,
  magnification: z.number().positive(),
  box: BehaviorCommand.shape.box,
  /** From the recording; null for an added command. */
  start: z.number().nonnegative().nullable(),
  duration: z.number().nonnegative().nullable(),
  /** Looks merged into the command; 0 for an added one. */
  visits: z.number().int().nonnegative(),
  /** The inspect (key and number) this peek lies inside, paired again over the commands not deleted; null otherwise. */
  parentKey: z.string().nullable(),
  parentNumber: z.number().int().positive().nullable(),
  /** The derived command before the reviewer's edits (for edited and deleted derived commands), else null. */
  original: BehaviorCommand.nullable(),
  editedBy: z.string().nullable(),
  editedAt: IsoTime.nullable(),
});
export type EffectiveCommand = z.infer<typeof EffectiveCommand>;

export const SessionCommands = z.object({
  session: RecordingSession,
  slide: z.object({ width: z.number().int().positive(), height: z.number().int().positive() }),
  /** The thresholds the commands were derived with (defaults filled in). */
  config: BehaviorConfig,
  /** Straight from the pipeline over the stored events; never changed by edits. */
  derived: z.array(BehaviorCommand),
  /** What the reviewer sees and what the review queue reads: derived commands with the edits in force applied, deleted ones flagged. */
  effective: z.array(EffectiveCommand),
  /** Every edit of the session, undone ones included, oldest first. */
  edits: z.array(CommandEdit),
});
export type SessionCommands = z.infer<typeof SessionCommands>;

const target = { commandId: Id.optional(), addedId: Id.optional() };

export const BehaviorEditInput = z.discriminatedUnion('action', [
  z.object({ sessionId: Id, action: z.literal('delete'), ...target }).strict(),
  z.object({ sessionId: Id, action: z.literal('redraw'), ...target, box: EditBox, kind: CommandKind.optional(), magnification: z.number().positive().max(1000).optional() }).strict(),
  z.object({ sessionId: Id, action: z.literal('add'), box: EditBox, magnification: z.number().positive().max(1000), kind: CommandKind.optional() }).strict(),
  z.object({ sessionId: Id, action: z.literal('undo'), editId: Id.optional() }).strict(),
]);
export type BehaviorEditInput = z.input<typeof BehaviorEditInput>;

export const behaviorCalls = {
  'behavior.commands': defineCall(
    'behavior.commands',
    "A session's behavioural commands: derived from its stored events (deterministic), and as the reviewer edited them.",
    z.object({ sessionId: Id, config: BehaviorConfig.optional() }).strict(),
    SessionCommands,
  ),
  'behavior.edit': defineCall(
    'behavior.edit',
    'Store a reviewer edit of a command (delete, redraw, add) or undo one (the latest of the acting profile, or editId). Derived commands are never changed. Returns the stored edit and the commands after it.',
    BehaviorEditInput,
    z.object({ edit: CommandEdit, commands: SessionCommands }),
  ),
  'behavior.slideCommands': defineCall(
    'behavior.slideCommands',
    'The effective commands of every session recorded on a slide, newest session first.',
    z.object({ slideId: Id, config: BehaviorConfig.optional() }).strict(),
    z.object({
      slideId: Id,
      sessions: z.array(z.object({ session: RecordingSession, derivedCount: z.number().int().nonnegative(), effective: z.array(EffectiveCommand) })),
    }),
  ),
} as const;
