import { Menu, Tray, nativeImage, type NativeImage } from 'electron';
import type { DesktopStatus, StatusLevel } from './core-status.js';
import { TRAY_ICON_PIXELS, statusIconBitmap } from './tray-icon.js';

export interface TrayActions {
  open(): void;
  quit(): void;
}

const MAX_MENU_LABEL = 90;

/** Tray icon whose colour, tooltip and first menu lines show the controller's status. */
export class StatusTray {
  readonly #tray: Tray;
  readonly #icons = new Map<StatusLevel, NativeImage>();

  constructor(
    private readonly actions: TrayActions,
    status: DesktopStatus,
  ) {
    this.#tray = new Tray(this.#icon(status.level));
    // Windows and macOS open the window on a click; Linux tray hosts only show the menu.
    this.#tray.on('click', () => actions.open());
    this.update(status);
  }

  update(status: DesktopStatus): void {
    this.#tray.setImage(this.#icon(status.level));
    this.#tray.setToolTip(
      status.detail ? `Hydro: ${status.headline}\n${status.detail}` : `Hydro: ${status.headline}`,
    );
    const lines = status.detail ? [status.headline, status.detail] : [status.headline];
    this.#tray.setContextMenu(
      Menu.buildFromTemplate([
        ...lines.map((label) => ({ label: clip(label), enabled: false })),
        { type: 'separator' },
        { label: 'Open Hydro', click: () => this.actions.open() },
        { label: 'Quit Hydro…', click: () => this.actions.quit() },
      ]),
    );
  }

  destroy(): void {
    this.#tray.destroy();
  }

  #icon(level: StatusLevel): NativeImage {
    let icon = this.#icons.get(level);
    if (icon === undefined) {
      icon = nativeImage.createFromBitmap(statusIconBitmap(level), {
        width: TRAY_ICON_PIXELS,
        height: TRAY_ICON_PIXELS,
        scaleFactor: 2,
      });
      this.#icons.set(level, icon);
    }
    return icon;
  }
}

function clip(label: string): string {
  return label.length > MAX_MENU_LABEL ? `${label.slice(0, MAX_MENU_LABEL - 1)}…` : label;
}
