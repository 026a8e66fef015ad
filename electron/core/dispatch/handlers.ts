import type { z } from 'zod';
import type { CallName, CallOutput, Calls } from '../../../shared/contract';
import type { CallContext, CoreDeps } from '../context';

/** Handlers receive the parsed input (defaults applied). */
export type ParsedInput<N extends CallName> = z.output<Calls[N]['input']>;
export type Handler<N extends CallName> = (input: ParsedInput<N>, ctx: CallContext, deps: CoreDeps) => Promise<CallOutput<N>> | CallOutput<N>;
export type Handlers<K extends CallName> = { [N in K]: Handler<N> };
export type HandlerMap = Handlers<CallName>;
