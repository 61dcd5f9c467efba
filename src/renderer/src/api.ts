import type { ApiError, Channel, Request, Responses } from '../../core/api/contract';
import { bridge } from './host';

/** An engine refusal as an Error: the sentence, with the code a screen can act on. */
export class EngineError extends Error {
  constructor(readonly error: ApiError) {
    super(
      error.code === 'internal'
        ? `Something went wrong inside CX Brief (reference ${error.reference ?? 'unknown'}).`
        : error.message,
    );
    this.name = 'EngineError';
  }
}

/** Calls the engine through this page's host; a refusal becomes an EngineError with the engine's sentence. */
export async function call<C extends Channel>(channel: C, request: Request<C>): Promise<Responses[C]> {
  const result = await bridge().call(channel, request);
  if (!result.ok) throw new EngineError(result.error);
  return result.value;
}
