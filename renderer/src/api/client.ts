import { AppError, type CallInput, type CallName, type CallOutput, type LibraryFile, type ServerEvent, type SightlineBridge } from '../../../shared/contract';
import { createBridgeTransport } from './bridgeTransport';
import { createHttpTransport } from './httpTransport';
import type { Transport } from './transport';

declare global {
  interface Window {
    sightline?: SightlineBridge;
  }
}

let actorId: number | null = null;
const transport: Transport = window.sightline ? createBridgeTransport(window.sightline) : createHttpTransport();

export function newJobId(): string {
  return crypto.randomUUID();
}

/** The one API client: typed calls that resolve to the output or throw an AppError with a code and a message. */
export const api = {
  door: transport.door,
  setActor(id: number | null): void {
    actorId = id;
  },
  async call<N extends CallName>(name: N, input: CallInput<N>, jobId?: string): Promise<CallOutput<N>> {
    const env = await transport.invoke(name, input, { actorId, jobId });
    if (!env.ok) throw new AppError(env.error);
    return env.value as CallOutput<N>;
  },
  async addFile(caseId: number, file: File, jobId?: string): Promise<LibraryFile> {
    const env = await transport.addFile(caseId, file, { actorId, jobId });
    if (!env.ok) throw new AppError(env.error);
    return env.value as LibraryFile;
  },
  onEvent(listener: (e: ServerEvent) => void): () => void {
    return transport.onEvent(listener);
  },
};

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
