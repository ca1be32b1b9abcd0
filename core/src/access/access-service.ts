import type { Clock, TimerHandle } from '../runtime/clock.js';
import type { Component, ComponentStatus } from '../runtime/component.js';
import type { Logger } from '../runtime/logger.js';
import type { Storage } from '../storage/storage.js';
import { Accounts } from './accounts.js';
import { Authenticator } from './authenticator.js';

/** Idle sessions are swept this often; an expired one is already refused when presented. */
const PURGE_EVERY_MS = 10 * 60_000;

export interface AccessServiceDeps {
  storage: () => Storage;
  clock: Clock;
  logger: Logger;
  /** HYDRO_ADMIN_EMAIL / HYDRO_ADMIN_PASSWORD: the admin to create when there is no account. */
  bootstrapAdmin?: { email: string; password: string } | undefined;
}

/** Users, sessions and tokens: starts after the store, creates the env admin, sweeps sessions. */
export class AccessService implements Component {
  readonly name = 'access';
  readonly authenticator: Authenticator;
  readonly accounts: Accounts;
  private purge: TimerHandle | undefined;
  private running = false;

  constructor(private readonly deps: AccessServiceDeps) {
    this.authenticator = new Authenticator(deps);
    this.accounts = new Accounts(deps);
  }

  async start(): Promise<void> {
    const admin = this.deps.bootstrapAdmin;
    if (admin && (await this.accounts.ensureAdmin(admin.email, admin.password))) {
      this.deps.logger.info(
        { email: admin.email },
        'created the admin account from the environment',
      );
    }
    this.purge = this.deps.clock.setInterval(() => {
      this.authenticator.purgeIdleSessions().catch((error: unknown) => {
        this.deps.logger.warn({ err: error }, 'could not sweep idle sessions');
      });
    }, PURGE_EVERY_MS);
    this.running = true;
  }

  stop(): Promise<void> {
    this.purge?.cancel();
    this.purge = undefined;
    this.running = false;
    return Promise.resolve();
  }

  status(): ComponentStatus {
    return { state: this.running ? 'healthy' : 'stopped', detail: null, metrics: {} };
  }
}
