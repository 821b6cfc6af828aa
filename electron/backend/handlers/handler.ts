import type { CallName, CallOutput, ParsedInput } from '../../../shared/contract';
import type { BackendCore } from '../backend-core';

/** The implementation of one contract call: (backend state, validated input) -> output. */
export type Handler<K extends CallName> = (core: BackendCore, input: ParsedInput<K>) => Promise<CallOutput<K>> | CallOutput<K>;

export type Handlers = { [K in CallName]: Handler<K> };
