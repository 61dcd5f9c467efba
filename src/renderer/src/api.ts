import type { ApiClient, Channel, Request, Responses } from '../../core/api/contract';

declare global {
  interface Window {
    cxb: ApiClient;
  }
}

/** Calls the engine through the preload; a refusal becomes an Error with the engine's sentence. */
export async function call<C extends Channel>(channel: C, request: Request<C>): Promise<Responses[C]> {
  const result = await window.cxb[channel](request);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}
