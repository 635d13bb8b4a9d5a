import type { AppEventName, AppEvents } from '../../shared/api/events';

export type EventListener = <E extends AppEventName>(event: E, payload: AppEvents[E]) => void;

/** Fan-out of pushed events to every transport (Electron windows, web-host SSE clients). */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends AppEventName>(event: E, payload: AppEvents[E]): void {
    for (const listener of this.listeners) {
      try {
        listener(event, payload);
      } catch {
        // One broken transport must not stop the others.
      }
    }
  }
}
