import { BrowserWindow, type Session, type WebContents } from 'electron';
import type { DesktopStatus } from './core-status.js';
import { isSameOrigin } from './link-policy.js';
import { renderStatusPage } from './status-page.js';

export interface MainWindowOptions {
  preloadPath: string;
  session: Session;
}

type View = { kind: 'core'; origin: string } | { kind: 'status'; status: DesktopStatus };

/** A renderer that crashed again within this time is left alone instead of reloaded in a loop. */
const RENDERER_RELOAD_GUARD_MS = 30_000;

/**
 * The single app window. It shows the core's UI while the core serves, and a local status page
 * otherwise. Closing it destroys it (a renderer costs memory on a PC that runs for months); the
 * tray's "Open" builds it again on the current view.
 */
export class MainWindow {
  #window: BrowserWindow | null = null;
  #view: View = {
    kind: 'status',
    status: { level: 'idle', headline: 'Starting the controller…', detail: null },
  };
  /** Path, query and hash of the last core page, restored after the core restarts. */
  #coreLocation = '/';
  #lastRendererCrash = 0;

  constructor(private readonly options: MainWindowOptions) {}

  /** Shows and focuses the window, creating it if needed. */
  show(): void {
    if (this.#window === null) {
      this.#window = this.#create();
      this.#load();
      return;
    }
    if (this.#window.isMinimized()) this.#window.restore();
    this.#window.show();
    this.#window.focus();
  }

  showCore(origin: string): void {
    this.#view = { kind: 'core', origin };
    this.#load();
  }

  showStatus(status: DesktopStatus): void {
    this.#view = { kind: 'status', status };
    this.#load();
  }

  /** True for this window's own web contents (IPC sender check). */
  owns(contents: WebContents): boolean {
    return (
      this.#window !== null && !this.#window.isDestroyed() && this.#window.webContents === contents
    );
  }

  get browserWindow(): BrowserWindow | null {
    return this.#window;
  }

  #create(): BrowserWindow {
    const window = new BrowserWindow({
      title: 'Hydro',
      width: 1280,
      height: 820,
      minWidth: 800,
      minHeight: 560,
      show: false,
      backgroundColor: '#16181d',
      autoHideMenuBar: true,
      webPreferences: {
        preload: this.options.preloadPath,
        session: this.options.session,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webviewTag: false,
        navigateOnDragDrop: false,
        spellcheck: false,
      },
    });
    window.once('ready-to-show', () => window.show());
    window.on('closed', () => {
      this.#window = null;
    });
    const remember = (_event: unknown, url: string) => this.#rememberLocation(url);
    window.webContents.on('did-navigate', remember);
    window.webContents.on('did-navigate-in-page', remember);
    window.webContents.on('render-process-gone', (_event, details) => {
      const now = Date.now();
      const crashedRecently = now - this.#lastRendererCrash < RENDERER_RELOAD_GUARD_MS;
      this.#lastRendererCrash = now;
      console.warn(`hydro: window renderer gone (${details.reason})`);
      // A crash of the UI must not leave a blank window; a renderer that keeps crashing is not
      // reloaded in a tight loop (the user can still reload it from the View menu).
      if (details.reason !== 'clean-exit' && !crashedRecently) this.#load();
    });
    return window;
  }

  #rememberLocation(url: string): void {
    if (this.#view.kind !== 'core' || !isSameOrigin(url, this.#view.origin)) return;
    const { pathname, search, hash } = new URL(url);
    this.#coreLocation = `${pathname}${search}${hash}`;
  }

  #load(): void {
    const window = this.#window;
    if (window === null || window.isDestroyed()) return;
    const url =
      this.#view.kind === 'core'
        ? new URL(this.#coreLocation, this.#view.origin).href
        : renderStatusPage(this.#view.status);
    // A load is aborted when the next state change replaces it (not worth a warning), or fails
    // when the core dies mid-load; the supervisor's next state shows the right page either way.
    window.loadURL(url).catch((error: unknown) => {
      if ((error as { code?: unknown }).code === 'ERR_ABORTED') return;
      console.warn(`hydro: window load did not finish: ${String(error)}`);
    });
  }
}
