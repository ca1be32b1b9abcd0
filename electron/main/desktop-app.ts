import { randomBytes } from 'node:crypto';
import { app, dialog, session as sessions, type Session } from 'electron';
import { DESKTOP_SESSION_COOKIE } from '../../core/src/contracts/auth.js';
import type { Health } from '../../core/src/contracts/health.js';
import type { RealtimeEvent } from '../../core/src/contracts/realtime.js';
import { CORE_RESTART_BACKOFF, REALTIME_RECONNECT_BACKOFF } from './backoff.js';
import { systemClock } from './clock.js';
import { createCoreSpawner } from './core-host.js';
import { describeStatus, type DesktopStatus } from './core-status.js';
import { coreServeArgs, type DesktopConfig } from './desktop-config.js';
import { registerBridgeHandlers } from './ipc.js';
import { createNoticeFeed, defaultNoticeRules, type Notice } from './notice-rules.js';
import { showNotice } from './notifications.js';
import type { DesktopPaths } from './paths.js';
import { RealtimeClient, globalSocketFactory } from './realtime-client.js';
import { hardenSession, installWebContentsGuards } from './security.js';
import { CoreSupervisor, type SupervisorState } from './supervisor.js';
import { StatusTray } from './tray.js';
import { MainWindow } from './window.js';

/** In-memory partition: the desktop token and the window's cookies never touch the disk. */
const WINDOW_PARTITION = 'hydro-window';

// Timings of the core's supervision (ADR 0003). The ready timeout is generous because the core
// checks the database's integrity before it listens, which takes minutes on a large file.
const SUPERVISION = { readyTimeoutMs: 300_000, stableRunMs: 60_000, stopGraceMs: 10_000 };

/**
 * The desktop shell once Electron is ready: supervises the core, and keeps the window, the tray
 * and the notifications in step with it. The controller runs until "Quit", window or no window.
 */
export class DesktopApp {
  /** Per-run secret that makes the window's requests the local admin's (HYDRO_DESKTOP_TOKEN). */
  readonly #token = randomBytes(32).toString('base64url');
  readonly #session: Session = sessions.fromPartition(WINDOW_PARTITION);
  readonly #supervisor: CoreSupervisor;
  readonly #window: MainWindow;
  #tray: StatusTray | null = null;
  #realtime: RealtimeClient | null = null;
  #coreOrigin: string | null = null;
  #health: Health | null = null;
  /** A failure was announced; announce the recovery too. */
  #announcedFailure = false;
  #toldAboutTray = false;
  #quitting = false;
  #coreStopped = false;

  constructor(config: DesktopConfig, paths: DesktopPaths) {
    this.#supervisor = new CoreSupervisor({
      spawn: createCoreSpawner({
        cliPath: paths.coreCli,
        args: coreServeArgs(config, paths.dataDir),
        desktopToken: this.#token,
      }),
      clock: systemClock,
      backoff: CORE_RESTART_BACKOFF,
      ...SUPERVISION,
    });
    this.#window = new MainWindow({ preloadPath: paths.preload, session: this.#session });
  }

  start(): void {
    const coreOrigin = () => this.#coreOrigin;
    installWebContentsGuards(coreOrigin);
    hardenSession(this.#session, coreOrigin);
    registerBridgeHandlers({
      coreOrigin,
      windowOf: (contents) => (this.#window.owns(contents) ? this.#window.browserWindow : null),
    });
    app.on('before-quit', (event) => this.#onBeforeQuit(event));
    app.on('window-all-closed', () => this.#explainTrayOnce());
    this.#tray = new StatusTray(
      { open: () => this.showWindow(), quit: () => void this.#confirmQuit() },
      this.#status(),
    );
    this.#supervisor.onChange((state) => this.#onCoreState(state));
    this.#window.show();
    this.#supervisor.start();
  }

  showWindow(): void {
    this.#window.show();
  }

  #onCoreState(state: SupervisorState): void {
    if (state.kind === 'running') {
      void this.#enterCore(state.endpoints.http);
    } else {
      this.#leaveCore();
      this.#window.showStatus(this.#status());
    }
    if (state.kind === 'waiting' && state.failures === 1) {
      this.#announcedFailure = true;
      this.#notify({
        title: `Hydro: ${this.#status().headline}`,
        body: `${state.failure.message} Hydro is restarting it.`,
      });
    }
    if (state.kind === 'running' && this.#announcedFailure) {
      this.#announcedFailure = false;
      this.#notify({
        title: 'Hydro: controller running again',
        body: 'The controller has restarted.',
      });
    }
    this.#tray?.update(this.#status());
  }

  async #enterCore(origin: string): Promise<void> {
    // Set first: the CSP, navigation and IPC guards only accept the current core's origin.
    this.#coreOrigin = origin;
    try {
      await this.#session.cookies.set({
        url: origin,
        name: DESKTOP_SESSION_COOKIE,
        value: this.#token,
        httpOnly: true,
        sameSite: 'strict',
      });
    } catch (error) {
      console.error('hydro: could not sign the window in as the local admin:', error);
    }
    if (this.#coreOrigin !== origin) return;
    this.#window.showCore(origin);
    this.#startRealtime(origin);
  }

  #leaveCore(): void {
    this.#coreOrigin = null;
    this.#health = null;
    this.#realtime?.stop();
    this.#realtime = null;
  }

  #startRealtime(origin: string): void {
    const createSocket = globalSocketFactory();
    if (createSocket === null) {
      console.warn('hydro: no WebSocket in this runtime; tray health and notifications are off');
      return;
    }
    const notices = createNoticeFeed(defaultNoticeRules());
    this.#realtime = new RealtimeClient({
      origin,
      headers: { Cookie: `${DESKTOP_SESSION_COOKIE}=${this.#token}` },
      createSocket,
      clock: systemClock,
      backoff: REALTIME_RECONNECT_BACKOFF,
      onEvent: (event) => this.#onRealtimeEvent(event, notices(event)),
    });
    this.#realtime.start();
  }

  #onRealtimeEvent(event: RealtimeEvent, notices: Notice[]): void {
    if (event.event === 'system.health') {
      this.#health = event.data;
      this.#tray?.update(this.#status());
    }
    for (const notice of notices) this.#notify(notice);
  }

  #status(): DesktopStatus {
    return describeStatus(this.#supervisor.state, this.#health, Date.now());
  }

  #notify(notice: Notice): void {
    showNotice(notice, () => this.showWindow());
  }

  #explainTrayOnce(): void {
    if (this.#toldAboutTray) return;
    this.#toldAboutTray = true;
    this.#notify({
      title: 'Hydro is still running',
      body: 'The controller keeps working without the window. Open it from the tray icon or by starting Hydro again; quit it from the tray menu.',
    });
  }

  async #confirmQuit(): Promise<void> {
    const { response } = await dialog.showMessageBox({
      type: 'question',
      title: 'Quit Hydro',
      message: 'Quit Hydro?',
      detail:
        'Automation, schedules and the MQTT broker your nodes use stop until Hydro is started again.',
      buttons: ['Quit Hydro', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
    });
    if (response === 0) app.quit();
  }

  /** Quitting stops the core first (SIGTERM, then SIGKILL after the grace period). */
  #onBeforeQuit(event: { preventDefault(): void }): void {
    if (this.#coreStopped) return;
    event.preventDefault();
    if (this.#quitting) return;
    this.#quitting = true;
    void this.#supervisor.stop().then(() => {
      this.#coreStopped = true;
      this.#tray?.destroy();
      app.quit();
    });
  }
}
