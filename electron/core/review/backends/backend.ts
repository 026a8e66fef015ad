import type { FieldTexts, RationaleField } from '../../../../shared/review/fields';

export interface DraftImage {
  caption: string;
  jpeg: Buffer;
}

/** What a backend gets for one item. */
export interface DraftRequest {
  itemId: number;
  fields: readonly RationaleField[];
  /** The built-in composition from measured facts (the chat backend sends it as context). */
  composed: FieldTexts;
  /** The accepted rationale of the most similar reviewed region, if one is close enough. */
  retrieved: { itemId: number; similarity: number; texts: Record<string, string> } | null;
  /** Region images, read only when a backend asks for them. */
  images(): Promise<DraftImage[]>;
  signal: AbortSignal;
}

export interface DraftReply {
  texts: FieldTexts;
  /** The model version the server reported, when it differs from the configured name. */
  modelVersion?: string;
}

export interface DraftingBackendImpl {
  readonly id: 'builtin' | 'openai';
  readonly version: string;
  readonly modelName: string;
  readonly modelVersion: string;
  draft(req: DraftRequest): Promise<DraftReply>;
}
