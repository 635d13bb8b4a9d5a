// The renderer's one way to main: a typed call and subscribe over the shared contract.
// In Electron it goes through the preload bridge; in a browser over the web host (HTTP + SSE).
import type { AppEventName, AppEvents, ChannelInput, ChannelName, ChannelOutput } from '../../shared/api';
import type { AppErrorData, CallResult } from '../../shared/errors';

interface Bridge {
  call(channel: string, payload: unknown): Promise<CallResult<unknown>>;
  subscribe(handler: (event: string, payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    abowerk?: Bridge;
  }
}

export class ApiError extends Error implements AppErrorData {
  readonly code: AppErrorData['code'];
  readonly details: AppErrorData['details'];
  constructor(data: AppErrorData) {
    super(data.message);
    this.code = data.code;
    this.details = data.details;
  }
  /** Field errors keyed by the last path segment(s) after the channel's wrapper object. */
  fieldErrors(prefix?: string): Record<string, string> {
    const result: Record<string, string> = {};
    for (const [path, message] of Object.entries(this.details?.fields ?? {})) {
      const key = prefix && path.startsWith(`${prefix}.`) ? path.slice(prefix.length + 1) : path;
      result[key] = message;
    }
    return result;
  }
}

const TOKEN_KEY = 'abowerk.token';

function webToken(): string {
  const match = /token=([^&]+)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    // Keep the token out of the visible address and history.
    history.replaceState(null, '', window.location.pathname + '#/');
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

function webBridge(): Bridge {
  const token = webToken();
  const listeners = new Set<(event: string, payload: unknown) => void>();
  let source: EventSource | null = null;
  const connect = () => {
    source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
    source.onmessage = (message: MessageEvent<string>) => {
      const { event, payload } = JSON.parse(message.data) as { event: string; payload: unknown };
      for (const l of listeners) l(event, payload);
    };
  };
  return {
    async call(channel, payload) {
      const response = await fetch('/api/call', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-abowerk-token': token },
        body: JSON.stringify({ channel, payload }),
      });
      return (await response.json()) as CallResult<unknown>;
    },
    subscribe(handler) {
      if (!source) connect();
      listeners.add(handler);
      return () => listeners.delete(handler);
    },
  };
}

const bridge: Bridge = window.abowerk ?? webBridge();
export const isDesktop = window.abowerk !== undefined;

export async function call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  let result: CallResult<unknown>;
  try {
    result = await bridge.call(channel, input);
  } catch {
    throw new ApiError({ code: 'INTERNAL', message: 'Keine Verbindung zu Abowerk. Läuft die Anwendung noch?' });
  }
  if (!result.ok) throw new ApiError(result.error);
  return result.value as ChannelOutput<C>;
}

export function subscribe<E extends AppEventName>(event: E, handler: (payload: AppEvents[E]) => void): () => void {
  return bridge.subscribe((name, payload) => {
    if (name === event) handler(payload as AppEvents[E]);
  });
}
