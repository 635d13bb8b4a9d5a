// The only bridge into the sandboxed renderer: a typed call and subscribe, never raw ipcRenderer.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

const CALL = 'abowerk:call';
const EVENT = 'abowerk:event';

contextBridge.exposeInMainWorld('abowerk', {
  call: (channel: string, payload: unknown): Promise<unknown> => ipcRenderer.invoke(CALL, channel, payload),
  subscribe: (handler: (event: string, payload: unknown) => void): (() => void) => {
    const listener = (_e: IpcRendererEvent, event: string, payload: unknown) => handler(event, payload);
    ipcRenderer.on(EVENT, listener);
    return () => ipcRenderer.removeListener(EVENT, listener);
  },
});
