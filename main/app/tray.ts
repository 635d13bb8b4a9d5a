// With "keepInTray" on, closing the window leaves Abowerk in the tray / menu bar so that
// scheduled jobs go on; the tray menu reopens the window or quits.
import { app, Menu, nativeImage, Tray } from 'electron';
import { join } from 'node:path';

let tray: Tray | null = null;

export function showTray(openWindow: () => void): void {
  if (tray) return;
  const icon = nativeImage.createFromPath(join(__dirname, '..', '..', 'resources', 'tray.png'));
  tray = new Tray(icon.isEmpty() ? nativeImage.createEmpty() : icon);
  tray.setToolTip('Abowerk – geplante Aufträge laufen weiter');
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: 'Abowerk öffnen', click: openWindow },
      { type: 'separator' },
      { label: 'Beenden', click: () => app.quit() },
    ]),
  );
  tray.on('click', openWindow);
}
