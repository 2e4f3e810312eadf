import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  BadInputError,
  ForbiddenError,
  RequestContext,
  Role,
  audit,
  notificationEvent,
  recordEvents,
} from '@masks/core';
import { checkBankDetails, printableIban, type BankAccountValue } from './domain/bank-details';
import { SUPPLIER_KINDS } from './domain/organisation.rules';
import { SupplierBankDetails } from './bank-details.entity';
import { Organisation } from './organisation.entity';
import { emailsWithRoles } from './contacts';
import type { BankDetailsInput } from './dto/bank-details.input';

const valueOf = ({ accountHolder, iban, bic }: BankAccountValue): BankAccountValue => ({
  accountHolder,
  iban,
  bic,
});

/**
 * The statement reading a supplier's account for bank transfers as in force now (no row if it declared
 * none), columns named as BankAccountValue, the organisation id in `organisationParam` (e.g. `$3`).
 * Exported as SQL so that another lib can embed it in its own statement: placing an order copies the
 * account in the statement that inserts the order, without one more round trip on the hot path.
 */
export const bankAccountQuery = (organisationParam: string): string =>
  `SELECT account_holder AS "accountHolder", iban, bic FROM supplier_bank_details WHERE organisation_id = ${organisationParam}::uuid`;

@Injectable()
export class BankDetailsService {
  constructor(private readonly dataSource: DataSource) {}

  /** The caller's organisation's bank details, or null. */
  mine(ctx: RequestContext): Promise<SupplierBankDetails | null> {
    return this.dataSource
      .getRepository(SupplierBankDetails)
      .findOneBy({ organisationId: ctx.organisationId });
  }

  /**
   * Declares or replaces the caller's organisation's account: validated first (nothing written on
   * a bad IBAN or BIC), then written with its audit entry (before and after) and a notice to every
   * admin of the organisation, in one transaction: changing the account payments go to is the
   * classic fraud, so no change goes unseen. Only a supplier declares one (FORBIDDEN otherwise).
   */
  async set(ctx: RequestContext, input: BankDetailsInput): Promise<SupplierBankDetails> {
    const checked = checkBankDetails(input);
    if (!checked.valid) throw new BadInputError(checked.reason, { field: checked.field, ...checked.refusal });
    const account = checked.account;
    return this.dataSource.transaction(async (manager) => {
      // The organisation's row lock orders concurrent changes, so each audit entry's `before` is exact.
      const organisation = await manager
        .getRepository(Organisation)
        .createQueryBuilder('o')
        .setLock('pessimistic_write')
        .where('o.id = :id', { id: ctx.organisationId })
        .getOneOrFail();
      // The access rule (FOR_SUPPLIERS) refuses others already, from a cache; this is checked on the locked row.
      if (!organisation.kinds.some((kind) => SUPPLIER_KINDS.includes(kind)))
        throw new ForbiddenError(
          'Only a supplier (manufacturer, importer, distributor) declares bank details to be paid on',
        );
      const repository = manager.getRepository(SupplierBankDetails);
      const existing = await repository.findOneBy({ organisationId: organisation.id });
      const before = existing ? valueOf(existing) : null;
      if (before && JSON.stringify(before) === JSON.stringify(account)) return existing!;
      // Under the organisation's lock, no other change can insert between this read and the write.
      const row = { ...account, updatedByUserId: ctx.userId ?? null };
      if (existing) await repository.update({ organisationId: organisation.id }, row);
      else await repository.insert({ organisationId: organisation.id, ...row });
      await audit(manager, ctx, {
        action: 'organisation.bank-details-set',
        entityType: 'organisation',
        entityId: organisation.id,
        organisationId: organisation.id,
        before,
        after: account,
      });
      const admins = await emailsWithRoles(manager, [Role.ORG_ADMIN], organisation.id);
      await recordEvents(
        manager,
        admins.map((recipient) =>
          notificationEvent({
            recipient,
            subject: `${organisation.name} : coordonnées bancaires ${before ? 'modifiées' : 'enregistrées'}`,
            body:
              `Les virements des nouvelles commandes iront au compte ${printableIban(account.iban)} (BIC ${account.bic}, ` +
              `titulaire ${account.accountHolder}). Si vous n’êtes pas à l’origine de ce changement, prévenez la plateforme immédiatement.`,
          }),
        ),
      );
      return repository.findOneByOrFail({ organisationId: organisation.id });
    });
  }
}
