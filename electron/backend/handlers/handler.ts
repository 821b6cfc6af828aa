import type { BackendCallName, CallName, CallOutput, ParsedInput } from '../../../shared/contract';
import type { BackendCore } from '../backend-core';

/** The implementation of one contract call: (backend state, validated input) -> output. */
export type Handler<K extends CallName> = (core: BackendCore, input: ParsedInput<K>) => Promise<CallOutput<K>> | CallOutput<K>;

/** One handler per call the backend answers; the shell's own calls (dialogs, printing) are not here. */
export type Handlers = { [K in BackendCallName]: Handler<K> };
