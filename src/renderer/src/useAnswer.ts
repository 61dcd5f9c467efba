import { useEffect, useState } from 'react';
import type { Channel, Request, Responses } from '../../core/api/contract';
import { call } from './api';

export interface Answer<T> {
  /** The last answer; kept while a new one is asked for, so the screen does not empty and jump. */
  value: T | null;
  loading: boolean;
  error: unknown;
}

/**
 * The engine's answer to a request, asked again when the request or the data version changes. An
 * answer that arrives after a newer request was made is dropped.
 */
export function useAnswer<C extends Channel>(
  channel: C,
  request: Request<C>,
  version: number,
): Answer<Responses[C]> {
  const [answer, setAnswer] = useState<Answer<Responses[C]>>({ value: null, loading: true, error: null });
  const key = JSON.stringify(request);
  useEffect(() => {
    let live = true;
    setAnswer((previous) => ({ ...previous, loading: true, error: null }));
    call(channel, JSON.parse(key) as Request<C>).then(
      (value) => live && setAnswer({ value, loading: false, error: null }),
      (error: unknown) => live && setAnswer((previous) => ({ ...previous, loading: false, error })),
    );
    return () => {
      live = false;
    };
  }, [channel, key, version]);
  return answer;
}
