import { useCallback, useEffect, useRef, useState } from 'react';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../shared/api';
import { ApiError, call, subscribe } from '../api/client';

export interface CallState<T> {
  readonly data: T | undefined;
  readonly error: ApiError | undefined;
  readonly loading: boolean;
  reload(): void;
}

/** Loads a channel's result; reloads when the input changes or an area reports a change. */
export function useCall<C extends ChannelName>(
  channel: C,
  input: ChannelInput<C> | null,
  reloadOnAreas: readonly string[] = [],
): CallState<ChannelOutput<C>> {
  const [data, setData] = useState<ChannelOutput<C>>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const key = JSON.stringify(input);
  const seq = useRef(0);

  useEffect(() => {
    if (input === null) return;
    const mine = ++seq.current;
    setLoading(true);
    call(channel, input)
      .then((value) => {
        if (mine !== seq.current) return;
        setData(value);
        setError(undefined);
      })
      .catch((e: unknown) => {
        if (mine === seq.current) setError(e instanceof ApiError ? e : new ApiError({ code: 'INTERNAL', message: String(e) }));
      })
      .finally(() => {
        if (mine === seq.current) setLoading(false);
      });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [channel, key, tick]);

  const areas = reloadOnAreas.join(',');
  useEffect(() => {
    if (!areas) return undefined;
    const wanted = areas.split(',');
    return subscribe('data.changed', ({ area }) => {
      if (wanted.includes(area)) setTick((t) => t + 1);
    });
  }, [areas]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload };
}

/** Runs an action, keeping its busy flag and error for the form that started it. */
export function useAction<A extends unknown[], R>(action: (...args: A) => Promise<R>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const run = useCallback(
    async (...args: A): Promise<R | undefined> => {
      setBusy(true);
      setError(undefined);
      try {
        return await action(...args);
      } catch (e) {
        setError(e instanceof ApiError ? e : new ApiError({ code: 'INTERNAL', message: String(e) }));
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [action],
  );
  return { run, busy, error, clearError: () => setError(undefined) };
}
