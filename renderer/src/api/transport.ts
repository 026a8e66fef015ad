import type { Envelope, InvokeOptions, ServerEvent } from '../../../shared/contract';

/** How the UI reaches the core: Electron IPC or browser-mode HTTP. Features never see which. */
export interface Transport {
  readonly door: 'electron' | 'browser';
  invoke(name: string, input: unknown, opts: InvokeOptions): Promise<Envelope<unknown>>;
  onEvent(listener: (e: ServerEvent) => void): () => void;
  /** Adds a picked or dropped file to a case: by path in Electron, by upload in browser mode. */
  addFile(caseId: number, file: File, opts: InvokeOptions): Promise<Envelope<unknown>>;
}
