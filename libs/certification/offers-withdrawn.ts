import type { EntityManager } from 'typeorm';
import type { DecisionKind } from './domain/certification.states';

/** What the withdrawal cascade did, handed to whoever follows up on withdrawn offers. */
export interface OffersWithdrawn {
  certificationId: string;
  productId: string;
  supplierId: string;
  decision: DecisionKind;
  reason: string | null;
  /** Offers taken off the market by this cascade (empty when another certification still holds). */
  offerIds: string[];
}

/**
 * Extension point for the order pipeline (a later issue): flag the open orders on withdrawn offers
 * and notify their buyers. Called inside the cascade's exactly-once transaction, so whatever it
 * writes (flags, outbox events) happens once with the withdrawal. Provide it anywhere in the worker
 * application (`{ provide: OffersWithdrawnSubscriber, useClass: … }`); until then nobody is called.
 */
export abstract class OffersWithdrawnSubscriber {
  abstract onOffersWithdrawn(manager: EntityManager, event: OffersWithdrawn): Promise<void>;
}
