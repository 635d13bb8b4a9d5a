// Electron main process: lifecycle, the one window, the IPC bridge to the router.
// Security checklist: contextIsolation + sandbox on, nodeIntegration off, webSecurity on,
// app:// protocol, CSP, navigation/new windows/permissions denied, sender frame checked.
import { app, BrowserWindow, ipcMain, session as electronSession, shell, type IpcMainInvokeEvent } from 'electron';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { AppSession } from '../company/session';
import { clockFromEnv } from '../ipc/clock';
import { EventBus } from '../ipc/event-bus';
import { handlers } from '../ipc/handlers';
import { createRouter } from '../ipc/router';
import { AppError } from '../../shared/errors';
import { APP_ORIGIN, registerSchemeAsPrivileged, serveRenderer } from './protocol';
import { JobScheduler } from '../jobs/scheduler';
import { showTray } from './tray';
import { setupUpdater } from './updater';

const CALL = 'abowerk:call';
const EVENT = 'abowerk:event';

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerSchemeAsPrivileged();
  app.on('second-instance', () => {
    const [win] = BrowserWindow.getAllWindows();
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  void app.whenReady().then(start);
}

function isOwnFrame(event: IpcMainInvokeEvent): boolean {
  const url = event.senderFrame?.url ?? '';
  return url.startsWith(`${APP_ORIGIN}/`);
}

/** Only https and mailto leave the app, and only to the system's handler. */
function openExternalSafely(url: string): void {
  try {
    const { protocol } = new URL(url);
    if (protocol === 'https:' || protocol === 'mailto:') void shell.openExternal(url);
  } catch {
    // not a URL: ignore
  }
}

async function start(): Promise<void> {
  const events = new EventBus();
  const session = new AppSession(app.getPath('userData'), clockFromEnv(), userInfo().username, events);
  session.desktop = { openPath: (path) => shell.openPath(path) };
  const router = createRouter(handlers);
  serveRenderer(join(__dirname, '..', 'renderer'));

  electronSession.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  electronSession.defaultSession.setPermissionCheckHandler(() => false);

  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      openExternalSafely(url);
      return { action: 'deny' };
    });
  });

  ipcMain.handle(CALL, async (event, channel: unknown, payload: unknown) => {
    if (!isOwnFrame(event)) return { ok: false, error: new AppError('FORBIDDEN', 'Aufruf aus fremdem Fenster abgelehnt').toData() };
    return router.call(String(channel), payload, session.context());
  });

  events.subscribe((event, payload) => {
    for (const win of BrowserWindow.getAllWindows()) win.webContents.send(EVENT, event, payload);
  });

  await session.reopenLast();
  new JobScheduler(session).start();
  createWindow();
  setupUpdater();

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
  app.on('window-all-closed', () => {
    // Keep running in the tray when the user asked for it, so scheduled jobs go on.
    if (session.registry.preferences().keepInTray) {
      showTray(() => (BrowserWindow.getAllWindows()[0] ?? createWindow()).show());
      return;
    }
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', () => void session.shutdown());
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1360,
    height: 880,
    minWidth: 1024,
    minHeight: 680,
    title: 'Abowerk',
    show: false,
    webPreferences: {
      preload: join(__dirname, 'preload.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      // Middle-click must not open links in new windows.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}
