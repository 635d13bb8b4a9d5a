// Updates through electron-updater from the publish target in electron-builder.yml; only in
// packaged builds, and never in a way that blocks the office: check, download, install on quit.
import { app } from 'electron';
import { autoUpdater } from 'electron-updater';

export function setupUpdater(): void {
  if (!app.isPackaged || process.env.ABOWERK_NO_UPDATE === '1') return;
  autoUpdater.autoInstallOnAppQuit = true;
  autoUpdater.on('error', (error) => console.error('[abowerk] Update fehlgeschlagen:', error));
  void autoUpdater.checkForUpdatesAndNotify().catch(() => undefined);
}
