import { TEMPLATE_VERSION } from '../../../../shared/review/compose';
import type { FieldTexts } from '../../../../shared/review/fields';
import type { DraftingBackendImpl } from './backend';

export const BUILTIN_VERSION = '1.0.0';

/**
 * Offline drafting: each field starts from the accepted text of the most similar reviewed region when there is
 * one, else from the sentences composed from what was measured.
 */
export function builtinBackend(): DraftingBackendImpl {
  return {
    id: 'builtin',
    version: BUILTIN_VERSION,
    modelName: 'sightline-templates',
    modelVersion: TEMPLATE_VERSION,
    async draft(req) {
      const texts: FieldTexts = {};
      for (const f of req.fields) {
        const retrieved = req.retrieved?.texts[f];
        texts[f] = retrieved && retrieved.trim() ? retrieved : (req.composed[f] ?? '');
      }
      return { texts };
    },
  };
}
