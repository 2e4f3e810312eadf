import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { RecipientDirectory } from '@masks/core';

/** Notifications find their person here: the account whose e-mail matches, case-insensitively. */
@Injectable()
export class UserRecipientDirectory extends RecipientDirectory {
  async userIdOf(manager: EntityManager, email: string): Promise<string | null> {
    // The unique index on lower(email) answers it, and guarantees one account at most.
    const [user]: { id: string }[] = await manager.query(
      `SELECT id FROM app_user WHERE lower(email) = lower($1)`,
      [email.trim()],
    );
    return user?.id ?? null;
  }
}
