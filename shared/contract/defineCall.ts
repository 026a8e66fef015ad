import type { z } from 'zod';

/** One call of the API: its name and the schemas of what goes in and what comes out. */
export interface CallDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly name: string;
  readonly summary: string;
  readonly input: I;
  readonly output: O;
}

export function defineCall<I extends z.ZodType, O extends z.ZodType>(
  name: string,
  summary: string,
  input: I,
  output: O,
): CallDef<I, O> {
  return { name, summary, input, output };
}
