const plural = (count: number, one: string, many: string) => (count > 1 ? many : one);

/** A batch run's reason for a proposal, as the API gives it (each outcome fills its own figures). */
export interface ProposalReason {
  outcome: 'FILLED' | 'LOT_ROUNDING' | 'SUPPLY_EXHAUSTED' | 'NO_ELIGIBLE_OFFER';
  priorityTier?: number | null;
  category?: string | null;
  requested?: number | null;
  allocated?: number | null;
  fillRatio?: number | null;
  offersUsed?: number | null;
  lotIncrement?: number | null;
  eligibleOffers?: number | null;
  held?: number | null;
  toHigherTiers?: number | null;
  toSameTier?: number | null;
  toLowerTiers?: number | null;
  tierLowestFill?: number | null;
  tierHighestFill?: number | null;
  categoryOffers?: number | null;
  exclusions?: readonly { code: string; offers: number }[] | null;
}

/** Texts of the buyer pages: offer search and ordering, needs and their proposals. */
export const buyerPages = {
  nav: {
    offers: 'Rechercher des offres',
    needs: 'Mes besoins',
    orders: 'Mes commandes',
  },
  offers: {
    title: 'Rechercher des offres',
    intro:
      'Les offres de masques certifiés disponibles à la commande, filtrées et triées par le serveur. Indiquez une quantité pour voir les prix à cette quantité.',
    caption: 'Offres certifiées disponibles à la commande',
    exportFile: 'offres.csv',
    category: 'Catégorie',
    region: 'Région de l’entrepôt',
    department: 'Département de l’entrepôt',
    quantity: 'Quantité souhaitée',
    maxPrice: 'Prix unitaire maximal (€ HT)',
    maxLeadTime: 'Délai maximal (jours)',
    madeInFrance: 'Fabriqué en France',
    equivalents: 'Accepter les normes équivalentes (dérogation)',
    sort: 'Trier par',
    sorts: { PRICE: 'Prix', LEAD_TIME: 'Délai', DISTANCE: 'Distance' },
    product: 'Produit',
    supplier: 'Fournisseur',
    price: 'Prix unitaire HT',
    available: 'Disponible',
    terms: 'Commande minimale',
    leadTime: 'Délai',
    warehouse: 'Entrepôt',
    action: 'Action',
    order: 'Commander',
    orderOffer: (product: string, supplier: string) => `Commander ${product} chez ${supplier}`,
    fromPrice: (price: string) => `à partir de ${price}`,
    units: (count: string) => `${count} masques`,
    minimum: (minimum: string, step: string) => `${minimum} min., par ${step}`,
    days: (days: number) => `${days} jour${days > 1 ? 's' : ''}`,
    madeInFranceBadge: 'Made in France',
  },
  orderForm: {
    title: 'Passer commande',
    offer: (product: string, supplier: string) => `${product} — ${supplier}`,
    quantity: 'Quantité (masques)',
    quantityHint: (minimum: string, step: string, available: string) =>
      `Minimum ${minimum}, par multiples de ${step} ; ${available} disponibles.`,
    quantityRefused: (minimum: string, step: string) =>
      `Quantité refusée : au moins ${minimum} masques, par multiples de ${step}.`,
    priceChanged: 'Le prix de cette offre a changé : relancez la recherche.',
    paymentMethod: 'Mode de paiement',
    deliveryDepartment: 'Département de livraison',
    estimate: (unit: string, subtotal: string) =>
      `Prix unitaire ${unit} HT, soit ${subtotal} HT (TVA calculée à la commande).`,
    submit: 'Confirmer la commande',
    placed: (number: string) => `Commande ${number} enregistrée`,
    subtotal: 'Total HT',
    vat: (rate: string) => `TVA (${rate})`,
    total: 'Total TTC',
    seeOrder: 'Voir la commande',
  },
  needs: {
    title: 'Mes besoins',
    intro:
      'Décrivez un besoin : le rapprochement propose les offres qui le servent le mieux, et vous dit pourquoi les autres ne conviennent pas.',
    formTitle: 'Publier un besoin',
    category: 'Catégorie',
    quantity: 'Quantité (masques)',
    neededBy: 'Livraison souhaitée au plus tard le',
    deliveryDepartment: 'Département de livraison',
    maxPrice: 'Prix unitaire maximal (€ HT, facultatif)',
    equivalents: 'Accepter les normes équivalentes (dérogation)',
    notes: 'Remarques (facultatif)',
    submit: 'Publier le besoin',
    posted: 'Besoin publié',
    caption: 'Mes besoins en masques',
    exportFile: 'besoins.csv',
    status: 'Statut',
    statuses: { OPEN: 'Ouvert', CANCELLED: 'Annulé', EXPIRED: 'Expiré' },
    coverage: 'Couverture',
    covered: (covered: string, quantity: string) => `${covered} / ${quantity}`,
    expiresAt: 'Expire le',
    open: 'Voir',
    openNeed: (category: string, quantity: string) => `Voir le besoin ${category} de ${quantity} masques`,
    need: 'Besoin',
  },
  need: {
    title: (category: string, quantity: string) => `Besoin : ${quantity} masques ${category}`,
    back: 'Retour à mes besoins',
    summary: 'Résumé',
    neededBy: 'Livraison au plus tard',
    deliveryDepartment: 'Département de livraison',
    covered: 'Déjà commandé',
    shortfall: 'Reste à couvrir',
    expiresAt: 'Expire le',
    maxPrice: 'Prix maximal',
    none: '–',
    cancel: 'Annuler ce besoin',
    cancelled: 'Besoin annulé',
    reconfirm: 'Reconfirmer ce besoin',
    reconfirmed: 'Besoin reconfirmé',
    suggestionsTitle: 'Offres qui peuvent servir ce besoin',
    suggestionsCaption: 'Offres suggérées, les meilleures d’abord, et pourquoi',
    suggestionsEmpty: 'Aucune offre ne peut servir ce besoin pour l’instant.',
    rank: 'Rang',
    offer: 'Offre',
    quantity: 'Quantité proposée',
    unitPrice: 'Prix unitaire HT',
    delivery: 'Livraison estimée',
    why: 'Pourquoi',
    whySuggested: (parts: {
      price: string;
      quantity: string;
      delivery: string;
      warehouse: string;
      sameDepartment: boolean;
      madeInFrance: boolean;
    }) =>
      [
        `${parts.price} HT le masque pour ${parts.quantity} masques`,
        parts.sameDepartment
          ? 'entrepôt dans votre département de livraison'
          : `entrepôt dans le département ${parts.warehouse}`,
        `livré vers le ${parts.delivery}`,
        ...(parts.madeInFrance ? ['fabriqué en France'] : []),
      ].join(', '),
    orderSuggestion: 'Commander',
    orderSuggestionOf: (product: string) => `Commander ${product} pour ce besoin`,
    excludedTitle: 'Offres écartées, et pourquoi',
    excludedCaption: 'Offres de la catégorie qui ne peuvent pas servir ce besoin',
    excludedEmpty: 'Aucune offre de la catégorie n’a été écartée.',
    whyNot: 'Pourquoi pas',
    /** The matching's exclusion codes; an unknown one shows the API's own message. */
    exclusions: {
      CATEGORY_MISMATCH: 'autre catégorie de masque',
      EQUIVALENT_NOT_ACCEPTED: 'certifié par une norme équivalente, que vous n’acceptez pas',
      NOT_CERTIFIED: 'produit non certifié à ce jour',
      CERTIFICATION_ENDS_BEFORE_DELIVERY: 'la certification prend fin avant la livraison',
      OFFER_EXPIRED: 'offre expirée avant la livraison',
      NO_STOCK: 'plus de stock disponible',
      BELOW_MINIMUM_ORDER: 'votre besoin est sous la commande minimale',
      TOO_LATE: 'livraison impossible à la date souhaitée',
      PRICE_ABOVE_CAP: 'prix au-dessus de votre maximum',
    } as Record<string, string>,
    proposalsTitle: 'Propositions du rapprochement',
    proposalsCaption: 'Propositions reçues pour ce besoin, les plus récentes d’abord',
    proposalsEmpty: 'Aucune proposition pour l’instant : le rapprochement tourne régulièrement.',
    proposedOn: 'Proposée le',
    proposalStatuses: {
      PROPOSED: 'À décider',
      ACCEPTED: 'Acceptée',
      DECLINED: 'Refusée',
      LAPSED: 'Caduque',
    },
    proposalWhy: 'Pourquoi cette quantité',
    /** A batch run's reason in words; `n` formats a count, `pct` a fill ratio (rounded down). */
    proposalReason: (
      r: ProposalReason,
      n: (value: number) => string,
      pct: (ratio: number) => string,
      exclusion: (code: string) => string,
    ): string => {
      const tier = r.priorityTier === 0 ? 'Filière prioritaire' : `Priorité ${r.priorityTier ?? '–'}`;
      const [allocated, requested] = [r.allocated ?? 0, r.requested ?? 0];
      const got = `${n(allocated)} masques sur ${n(requested)}`;
      switch (r.outcome) {
        case 'FILLED':
          return `${tier} : besoin entièrement servi, ${n(allocated)} masques venant de ${n(r.offersUsed ?? 0)} ${plural(r.offersUsed ?? 0, 'offre', 'offres')}.`;
        case 'LOT_ROUNDING':
          return `${tier} : ${got} (${pct(r.fillRatio ?? 0)}), arrondi au lot entier : les ${n(requested - allocated)} masques restants sont moins que le plus petit lot qu’une offre éligible peut encore ajouter (${n(r.lotIncrement ?? 0)}).`;
        case 'SUPPLY_EXHAUSTED': {
          const offers = r.eligibleOffers ?? 0;
          const shares = [
            ...(r.toHigherTiers ? [`${n(r.toHigherTiers)} aux besoins plus prioritaires`] : []),
            `${n(r.toSameTier ?? 0)} aux besoins de même priorité, partagés équitablement (le moins servi d’abord, un lot à la fois)`,
            ...(r.toLowerTiers
              ? [
                  `${n(r.toLowerTiers)} aux besoins moins prioritaires, en lots que ce besoin ne pouvait pas prendre`,
                ]
              : []),
          ];
          return [
            `${tier} : servi à ${pct(r.fillRatio ?? 0)} (${got}) quand le stock s’est épuisé.`,
            `${plural(offers, 'Son offre éligible détenait', `Ses ${n(offers)} offres éligibles détenaient`)} ${n(r.held ?? 0)} masques : ${shares.join(' ; ')}.`,
            `Les besoins ${r.category ?? ''} de même priorité à court de stock ont été servis entre ${pct(r.tierLowestFill ?? 0)} et ${pct(r.tierHighestFill ?? 0)}.`,
          ].join(' ');
        }
        case 'NO_ELIGIBLE_OFFER': {
          const listed = r.categoryOffers ?? 0;
          if (listed === 0) return `Aucune offre ${r.category ?? ''} n’est publiée.`;
          const reasons = (r.exclusions ?? []).map(
            ({ code, offers }) =>
              `${n(offers)} ${plural(offers, 'écartée', 'écartées')} (${exclusion(code)})`,
          );
          return `Aucune offre éligible parmi ${n(listed)} ${plural(listed, 'offre', 'offres')} ${r.category ?? ''} : ${reasons.join(', ')}.`;
        }
      }
    },
    paymentMethod: 'Mode de paiement',
    accept: 'Accepter',
    acceptProposal: (quantity: string) => `Accepter la proposition de ${quantity} masques`,
    decline: 'Refuser',
    declineProposal: (quantity: string) => `Refuser la proposition de ${quantity} masques`,
    accepted: (number: string) => `Proposition acceptée : commande ${number}`,
    declined: 'Proposition refusée',
    seeOrder: 'Voir la commande',
    actions: 'Actions',
    reasonsCount: (count: number) => `${count} ${plural(count, 'raison', 'raisons')}`,
  },
};
