import { create } from 'zustand';
import type { Box, CommandKind } from '../../../shared/behavior';
import type { BehaviorEditInput, EffectiveCommand, SessionCommands } from '../../../shared/contract';
import { api, errorMessage } from '../api/client';

/** What a drag on the slide does: nothing (the viewer pans), redraw the selected command's box, or add a box. */
export type DrawMode = 'view' | 'redraw' | 'add';

/** The session shown: the one recording now on this slide, or an earlier one. */
export type SessionChoice = 'live' | number;

interface BehaviorState {
  /** The slide the state belongs to. */
  slideId: number | null;
  choice: SessionChoice;
  /** The session whose commands are shown (null: none yet, e.g. recording is off and nothing was chosen). */
  sessionId: number | null;
  data: SessionCommands | null;
  loading: boolean;
  error: string | null;
  selectedKey: string | null;
  mode: DrawMode;
  /** A box drawn in "add" mode, waiting for its kind and magnification. */
  draft: Box | null;
  /** The Commands tab is showing: the boxes are drawn on the slide only then. */
  panelOpen: boolean;
  busy: boolean;
  choose(choice: SessionChoice, liveSessionId: number | null): void;
  refresh(): Promise<void>;
  /** A refresh for the live session after a batch was stored: at most one a second. */
  refreshLive(): void;
  select(key: string | null): void;
  setPanelOpen(open: boolean): void;
  startDrawing(mode: 'redraw' | 'add'): void;
  cancelDrawing(): void;
  finishDrawing(box: Box): Promise<void>;
  saveDraft(kind: CommandKind, magnification: number): Promise<void>;
  removeSelected(): Promise<void>;
  undo(editId?: number): Promise<void>;
  /** Keeps the state for this slide, or starts afresh (on its live session) for another one. */
  attach(slideId: number): void;
}

let inFlight: Promise<void> | null = null;
let again = false;
let liveStarted = -Infinity;
let liveTimer: ReturnType<typeof setTimeout> | null = null;
const LIVE_REFRESH_MS = 1000;

const targetOf = (c: EffectiveCommand) => (c.addedId !== null ? { addedId: c.addedId } : { commandId: c.derivedId! });

/** The behavioural commands shown beside the viewer, and the reviewer's edits of them. */
export const useBehaviorStore = create<BehaviorState>((set, get) => {
  const selected = () => get().data?.effective.find((c) => c.key === get().selectedKey) ?? null;

  async function edit(input: BehaviorEditInput): Promise<EffectiveCommand[] | null> {
    set({ busy: true, error: null });
    try {
      const r = await api.call('behavior.edit', input);
      const before = new Set(get().data?.effective.map((c) => c.key));
      if (get().sessionId === input.sessionId) set({ data: r.commands });
      return r.commands.effective.filter((c) => !before.has(c.key));
    } catch (e) {
      set({ error: errorMessage(e) });
      return null;
    } finally {
      set({ busy: false });
    }
  }

  return {
    slideId: null,
    choice: 'live',
    sessionId: null,
    data: null,
    loading: false,
    error: null,
    selectedKey: null,
    mode: 'view',
    draft: null,
    panelOpen: false,
    busy: false,

    choose(choice, liveSessionId) {
      const sessionId = choice === 'live' ? liveSessionId : choice;
      const changed = sessionId !== get().sessionId;
      set({ choice, sessionId, ...(changed ? { data: null, selectedKey: null, mode: 'view' as const, draft: null, error: null } : {}) });
      if (changed) void get().refresh();
    },

    // Coalesces: while a request is out, further refreshes become one more request after it.
    async refresh() {
      if (inFlight) {
        again = true;
        return inFlight;
      }
      const run = async () => {
        do {
          again = false;
          const sessionId = get().sessionId;
          if (sessionId === null) {
            set({ data: null, loading: false });
            return;
          }
          set({ loading: get().data === null });
          try {
            const data = await api.call('behavior.commands', { sessionId });
            if (get().sessionId === sessionId) set({ data, loading: false, error: null });
          } catch (e) {
            if (get().sessionId === sessionId) set({ loading: false, error: errorMessage(e) });
          }
        } while (again);
      };
      inFlight = run().finally(() => (inFlight = null));
      return inFlight;
    },

    refreshLive() {
      const run = () => {
        liveTimer = null;
        liveStarted = Date.now();
        void get().refresh();
      };
      const wait = liveStarted + LIVE_REFRESH_MS - Date.now();
      if (wait <= 0) run();
      else liveTimer ??= setTimeout(run, wait);
    },

    select: (key) => set({ selectedKey: key }),
    setPanelOpen(open) {
      set(open ? { panelOpen: true } : { panelOpen: false, mode: 'view', draft: null });
    },
    startDrawing(mode) {
      if (mode === 'redraw' && (!selected() || selected()!.deleted)) return;
      set({ mode, draft: null, error: null });
    },
    cancelDrawing: () => set({ mode: 'view', draft: null }),

    async finishDrawing(box) {
      const { mode, sessionId } = get();
      if (sessionId === null) return;
      if (mode === 'add') return set({ draft: box });
      const c = selected();
      if (mode !== 'redraw' || !c) return;
      set({ mode: 'view' });
      await edit({ sessionId, action: 'redraw', ...targetOf(c), box });
    },

    async saveDraft(kind, magnification) {
      const { draft, sessionId } = get();
      if (!draft || sessionId === null) return;
      const added = await edit({ sessionId, action: 'add', box: draft, kind, magnification });
      if (added) set({ mode: 'view', draft: null, selectedKey: added[0]?.key ?? get().selectedKey });
    },

    async removeSelected() {
      const c = selected();
      const sessionId = get().sessionId;
      if (!c || c.deleted || sessionId === null) return;
      await edit({ sessionId, action: 'delete', ...targetOf(c) });
    },

    async undo(editId) {
      const sessionId = get().sessionId;
      if (sessionId === null) return;
      await edit(editId === undefined ? { sessionId, action: 'undo' } : { sessionId, action: 'undo', editId });
    },

    attach(slideId) {
      if (get().slideId === slideId) return;
      set({ slideId, choice: 'live', sessionId: null, data: null, selectedKey: null, mode: 'view', draft: null, error: null, loading: false });
    },
  };
});
