import { HydroError } from '../runtime/errors.js';

/** Another account already uses this email (emails are unique, compared lower-cased). */
export class EmailTakenError extends HydroError {
  constructor(email: string) {
    super('email_taken', `An account with the email ${email} already exists`);
  }
}

export class UserNotFoundError extends HydroError {
  constructor(id: number) {
    super('user_not_found', `No user ${id}`);
  }
}

export class ApiTokenNotFoundError extends HydroError {
  constructor(id: number) {
    super('token_not_found', `No active token ${id}`);
  }
}

/** First-run setup creates the first account only; afterwards admins add users. */
export class SetupCompleteError extends HydroError {
  constructor() {
    super('setup_complete', 'An account already exists; sign in instead');
  }
}

/** The change would leave no enabled admin, and nobody could manage users again. */
export class LastAdminError extends HydroError {
  constructor() {
    super('last_admin', 'This is the last enabled admin; make another user admin first');
  }
}

export class SelfDeleteError extends HydroError {
  constructor() {
    super('cannot_delete_self', 'You cannot delete your own account');
  }
}
