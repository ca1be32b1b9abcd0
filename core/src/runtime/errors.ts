/**
 * Every error the core throws on purpose carries a stable snake_case `code`, so the CLI, the API
 * and the desktop shell can react to it without parsing messages (style-anchors.md §12).
 */
export class HydroError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A setting is invalid; the message names the file or variable and the field. */
export class ConfigError extends HydroError {
  constructor(message: string) {
    super('config_invalid', message);
  }
}

/** The user asked for something the CLI does not understand. */
export class UsageError extends HydroError {
  constructor(message: string) {
    super('usage', message);
  }
}

/** A listening port is taken; the message names the port and how to change it. */
export class PortInUseError extends HydroError {
  constructor(
    readonly service: 'http' | 'mqtt',
    readonly port: number,
    readonly host: string,
    hint: string,
  ) {
    super(
      'port_in_use',
      `${service.toUpperCase()} port ${port} on ${host} is already in use; ${hint}`,
    );
  }
}

export class DataDirError extends HydroError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('data_dir_unusable', message, options);
  }
}

/** Another Hydro process owns the data dir. */
export class InstanceLockedError extends HydroError {
  constructor(message: string) {
    super('instance_locked', message);
  }
}

export class StorageError extends HydroError {
  constructor(message: string, options?: { cause?: unknown; code?: string }) {
    super(options?.code ?? 'storage_failed', message, options);
  }
}

/**
 * The database file is damaged or from a newer Hydro (starting would risk the data in it), or the
 * configured PostgreSQL server cannot be reached.
 */
export class StorageRefusedError extends StorageError {
  constructor(
    message: string,
    code: 'storage_corrupt' | 'storage_too_new' | 'storage_unreachable',
  ) {
    super(message, { code });
  }
}

/** Backups of a PostgreSQL store are the server's business: Hydro's file copies do not apply. */
export class BackupsExternalError extends StorageError {
  constructor() {
    super(
      'the store is PostgreSQL, which Hydro does not back up itself; use pg_dump (and pg_restore to restore)',
      { code: 'backups_external' },
    );
  }
}

/** Errors a user can fix by changing how Hydro is started: the CLI exits 2 for these. */
export function isStartupRefusal(error: unknown): error is HydroError {
  return (
    error instanceof ConfigError ||
    error instanceof UsageError ||
    error instanceof PortInUseError ||
    error instanceof DataDirError ||
    error instanceof InstanceLockedError ||
    error instanceof StorageRefusedError
  );
}

/** The named backup is not in the data dir's backups folder. */
export class BackupNotFoundError extends HydroError {
  constructor(name: string) {
    super('backup_not_found', `No backup ${name}`);
  }
}
