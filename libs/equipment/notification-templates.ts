import type { NotificationRequest } from '@masks/core';

/** The texts of the equipment notifications (French, as the people who read them). */
export const equipmentNotices = {
  dispatched: (
    shipment: { id: string; carrier: string; units: number; kindName: string },
    expectedAt: Date | null,
  ) => ({
    subject: `Livraison en cours : ${shipment.units} × ${shipment.kindName}`,
    body:
      `L'expédition ${shipment.id} (${shipment.units} × ${shipment.kindName}) est partie avec ${shipment.carrier}` +
      (expectedAt ? `, livraison prévue le ${expectedAt.toISOString().slice(0, 10)}` : '') +
      `. Accusez réception de chaque appareil à son arrivée.`,
  }),
  cancelled: (shipment: { id: string; units: number; kindName: string }) => ({
    subject: `Expédition annulée : ${shipment.units} × ${shipment.kindName}`,
    body: `L'expédition ${shipment.id} (${shipment.units} × ${shipment.kindName}) est annulée avant son départ.`,
  }),
  acknowledged: (receipt: {
    shipmentId: string;
    establishmentName: string;
    finess: string | null;
    kindName: string;
    received: number;
    damaged: number;
    missing: number;
    corrected: number;
    complete: boolean;
  }) => ({
    subject: `Accusé de réception${receipt.complete ? '' : ' partiel'} : ${receipt.establishmentName}`,
    body:
      `${receipt.establishmentName} (FINESS ${receipt.finess ?? '—'}) a accusé réception de l'expédition ` +
      `${receipt.shipmentId} (${receipt.kindName}) : ${receipt.received} reçu(s), ${receipt.damaged} endommagé(s), ` +
      `${receipt.missing} manquant(s), ${receipt.corrected} numéro(s) de série corrigé(s).` +
      (receipt.complete ? '' : ' Des appareils restent à réceptionner.'),
  }),
} satisfies Record<string, (...args: never[]) => Omit<NotificationRequest, 'recipient'>>;
