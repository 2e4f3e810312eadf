/** The figures of an API refusal (extensions.reasons), as the API sends them. */
export type RefusalArgs = Record<string, string | number>;

/** How the console writes a refusal's figures: counts, unit prices in micro-euros, ISO dates, codes. */
export interface RefusalFormat {
  n: (value: string | number) => string;
  price: (micros: string | number) => string;
  date: (iso: string | number) => string;
  category: (code: string | number) => string;
  role: (code: string) => string;
}

/** Texts shared by every page: navigation, session, errors, tables. */
export const common = {
  appName: 'Masques',
  tagline: 'La place de marché des masques de protection certifiés',
  nav: {
    home: 'Accueil',
    certifiedSuppliers: 'Fournisseurs certifiés',
    signUp: 'Inscrire mon entreprise',
    login: 'Se connecter',
    logout: 'Se déconnecter',
    mainNavigation: 'Navigation principale',
    account: 'Mon compte',
    notifications: 'Notifications',
    sections: {
      public: 'Public',
      buyer: 'Achats',
      supplier: 'Ventes',
      dge: 'DGE',
      admin: 'Organisation',
    },
  },
  session: {
    loading: 'Ouverture de la session…',
    expired: 'Votre session a expiré : reconnectez-vous.',
    loggedOut: 'Vous êtes déconnecté.',
    actingFor: (organisation: string) => `Pour ${organisation}`,
  },
  access: {
    deniedTitle: 'Accès refusé',
    deniedBody:
      'Cette page est réservée à un autre rôle. Demandez l’accès à l’administrateur de votre organisation.',
    loginRequired: 'Connectez-vous pour accéder à cette page.',
    notFoundTitle: 'Page introuvable',
    notFoundBody: 'Cette adresse ne correspond à aucune page de la console.',
    backHome: 'Retour à l’accueil',
  },
  /** The API's typed error codes (GraphQL extensions.code), in plain French. */
  errors: {
    BAD_USER_INPUT: 'Une valeur saisie est refusée : corrigez le champ indiqué.',
    UNAUTHENTICATED: 'Identifiants incorrects ou session expirée.',
    FORBIDDEN: 'Vous n’avez pas le droit de faire cela.',
    NOT_FOUND: 'Élément introuvable : il a peut-être été supprimé.',
    CONFLICT: 'Cela existe déjà ou a été modifié entre-temps : rechargez la page.',
    TOO_MANY_REQUESTS: 'Trop de demandes : patientez une minute.',
    PAYLOAD_TOO_LARGE: 'Fichier ou envoi trop volumineux.',
    INTERNAL_SERVER_ERROR: 'Erreur du serveur : réessayez dans un instant.',
    NETWORK: 'Le serveur ne répond pas : vérifiez votre connexion.',
    fieldRefused: (detail: string) => `Valeur refusée : ${detail}`,
    /** The API's input rules (class-validator's names) with their arguments; others show the API's text. */
    rules: {
      isNotEmpty: () => 'Champ obligatoire.',
      isDefined: () => 'Champ obligatoire.',
      isString: () => 'Texte attendu.',
      isInt: () => 'Nombre entier attendu.',
      isNumber: () => 'Nombre attendu.',
      isBoolean: () => 'Oui ou non attendu.',
      isDate: () => 'Date attendue.',
      isEmail: () => 'Adresse e-mail non valide.',
      isUuid: () => 'Identifiant non valide.',
      isUUID: () => 'Identifiant non valide.',
      isEnum: (allowed) => `Valeur non prévue${allowed.length ? ` (au choix : ${allowed.join(', ')})` : ''}.`,
      isIn: (allowed) => `Valeur non prévue (au choix : ${allowed.join(', ')}).`,
      min: ([min]) => `Au moins ${min}.`,
      max: ([max]) => `Au plus ${max}.`,
      isPositive: () => 'Nombre positif attendu.',
      isLength: ([min, max]) =>
        max === undefined
          ? `Au moins ${min} caractères.`
          : min === max
            ? `Exactement ${min} caractères.`
            : `Entre ${min} et ${max} caractères.`,
      minLength: ([min]) => `Au moins ${min} caractères.`,
      maxLength: ([max]) => `Au plus ${max} caractères.`,
      matches: () => 'Format non valide.',
      arrayMinSize: ([min]) => (min === 1 ? 'Au moins un élément.' : `Au moins ${min} éléments.`),
      arrayMaxSize: ([max]) => `Au plus ${max} éléments.`,
      arrayUnique: () => 'Chaque élément une seule fois.',
      whitelistValidation: () => 'Champ inconnu.',
    } as Record<string, (args: (string | number)[]) => string>,
    /**
     * The API's refusals by their reason (extensions.reasons, path → { reason, args }), with their
     * figures; `f` writes numbers, prices (micro-euros), dates and codes the console's way. A reason
     * missing here shows the API's English sentence.
     */
    reasons: {
      UNKNOWN_DEPARTMENT: (a) =>
        `Département inconnu : « ${a.departmentCode} » (un numéro comme 75, 2A ou 971).`,
      UNKNOWN_REGION: (a) => `Région inconnue : « ${a.regionCode} ».`,
      UNKNOWN_STANDARD: (a) => `Norme inconnue : « ${a.standardCode} ».`,
      STANDARD_NOT_FOR_CATEGORY: (a, f) =>
        `La norme ${a.standard} certifie des masques ${f.category(a.standardCategory)}, pas des masques ${f.category(a.category)}.`,
      WASHES_REQUIRED_FOR_REUSABLE: () =>
        'Un masque réutilisable doit indiquer le nombre de lavages qu’il supporte.',
      PRODUCTION_DEPARTMENT_OUTSIDE_FRANCE: () =>
        'Le département de production ne s’indique que pour un masque fabriqué en France.',
      CATEGORY_AND_STANDARD_FIXED: () =>
        'La catégorie et la norme d’un produit ne changent plus : enregistrez un nouveau produit.',
      WHOLE_NUMBER_OUT_OF_RANGE: (a, f) => `Nombre entier de ${f.n(a.min)} à ${f.n(a.max)} attendu.`,
      MINIMUM_ORDER_NOT_MULTIPLE_OF_INCREMENT: (a, f) =>
        `Le minimum de commande (${f.n(a.minimumOrderQuantity)}) doit être un multiple du multiple de commande (${f.n(a.orderIncrement)}).`,
      QUANTITY_NOT_MULTIPLE_OF_INCREMENT: (a, f) =>
        `La quantité (${f.n(a.quantity)}) doit être un multiple de ${f.n(a.orderIncrement)} masques.`,
      PRICE_TIER_REQUIRED: () => 'Indiquez au moins un palier de prix.',
      UNIT_PRICE_OUT_OF_RANGE: (a, f) =>
        `Le prix unitaire doit être supérieur à 0 € et d’au plus ${f.price(a.maxUnitPriceMicros)} par masque.`,
      TIER_MIN_QUANTITY_BELOW_ONE: () => 'Un palier s’applique à partir d’un masque au moins.',
      TIERS_NOT_INCREASING: (a, f) =>
        `Les paliers vont par quantités croissantes : celui-ci (à partir de ${f.n(a.minQuantity)}) doit commencer au-delà du précédent (${f.n(a.previousMinQuantity)}).`,
      TIER_PRICE_ABOVE_PREVIOUS: (a, f) =>
        `Une plus grande quantité ne peut pas coûter plus cher à l’unité : ${f.price(a.unitPriceMicros)} ici, ${f.price(a.previousUnitPriceMicros)} au palier précédent.`,
      FIRST_TIER_ABOVE_MINIMUM: (a, f) =>
        `Le premier palier doit s’appliquer dès le minimum de commande (${f.n(a.minimumOrderQuantity)} masques) ou avant : il commence ici à ${f.n(a.minQuantity)}.`,
      VALID_UNTIL_NOT_AFTER_AVAILABILITY: () =>
        'La fin de validité doit venir après la date de disponibilité de l’offre.',
      RECEIPT_NOT_POSITIVE: () => 'Une réception ajoute des masques : indiquez une quantité positive.',
      ADJUSTMENT_QUANTITY_ZERO: () =>
        'Un ajustement modifie le stock : indiquez une quantité différente de zéro.',
      ADJUSTMENT_REASON_REQUIRED: () => 'Un ajustement de stock doit être motivé : indiquez le motif.',
      ROW_COUNT_OUT_OF_RANGE: (a, f) => `Envoyez de ${f.n(a.min)} à ${f.n(a.max)} lignes à la fois.`,
      EXTERNAL_REF_REPEATED: (a) =>
        `La référence « ${a.externalRef} » figure déjà sur une autre ligne de l’envoi.`,
      PRODUCT_NOT_YOURS: () => 'Ce produit ne fait pas partie de vos produits.',
      EXTERNAL_REF_OF_ANOTHER_PRODUCT: (a) =>
        `La référence « ${a.externalRef} » est déjà celle d’une offre d’un autre produit.`,
      ON_HAND_BELOW_RESERVED: (a, f) =>
        `${f.n(a.reserved)} masques sont réservés pour des commandes : le stock ne peut pas descendre en dessous.`,
      NEEDED_BY_IN_PAST: () => 'La date de livraison souhaitée doit être à venir.',
      OFFER_CATEGORY_MISMATCH: (a, f) =>
        `Cette offre porte sur des masques ${f.category(a.offerCategory)}, et le besoin sur des masques ${f.category(a.needCategory)}.`,
      CARD_PAYMENTS_UNAVAILABLE: () =>
        'Le paiement par carte ou prélèvement SEPA n’est pas disponible ici : payez par virement à réception de la facture.',
      OFFER_ON_SEVERAL_LINES: () => 'Une offre ne figure que sur une ligne de la commande.',
      SEVERAL_SUPPLIERS: () =>
        'Une commande s’adresse à un seul fournisseur : faites une commande par fournisseur.',
      QUANTITY_BELOW_ONE: () => 'La quantité doit être un nombre entier d’au moins 1.',
      QUANTITY_BELOW_MINIMUM_ORDER: (a, f) =>
        `Le minimum de commande est de ${f.n(a.minimumOrderQuantity)} masques.`,
      PRICE_CHANGED: (a, f) =>
        `Le prix a changé : ${f.price(a.unitPriceMicros)} le masque pour ${f.n(a.quantity)} masques, et non ${f.price(a.expectedUnitPriceMicros)}.`,
      CERTIFICATION_ENDS_BEFORE_DELIVERY: (a, f) =>
        `La certification de cette offre prend fin le ${f.date(a.certifiedUntil)}, avant la livraison estimée au ${f.date(a.estimatedDelivery)}.`,
      ORDER_REPEATED_IN_BATCH: () => 'Une commande ne figure qu’une fois par envoi.',
      SHIPPED_BEFORE_PAYMENT: (a) =>
        `La commande ${a.orderNumber} n’est pas payée : seule une commande payée peut être expédiée.`,
      DELIVERED_BEFORE_SHIPMENT: (a) =>
        `La commande ${a.orderNumber} n’est pas en cours d’expédition : seule une commande expédiée peut être livrée.`,
      SHIPMENT_LOTS_INCOMPLETE: () =>
        'Indiquez les numéros de lot de chaque ligne de la commande, une fois chacune.',
      RECEIPT_LINES_INCOMPLETE: () =>
        'Confirmez la réception de chaque ligne de la commande, une fois chacune.',
      PAYMENT_NOT_BY_TRANSFER: () =>
        'Seul un virement s’enregistre à la main : les paiements par carte et SEPA sont confirmés par le prestataire de paiement.',
      REFUND_NOT_OF_PAID_TRANSFER: () =>
        'Seul un virement reçu se rembourse à la main : les remboursements par carte sont faits par la plateforme.',
      WINDOW_ENDS_BEFORE_START: (a, f) =>
        `La fin de validité doit venir après son début (${f.date(a.validFrom)}).`,
      DECISION_REASON_REQUIRED: () => 'Cette décision doit être motivée : indiquez le motif.',
      CANCELLATION_REASON_REQUIRED: () => 'Indiquez pourquoi vous annulez : l’autre partie en est informée.',
      VALID_UNTIL_NOT_IN_FUTURE: () => 'La fin de validité doit être à venir.',
      NOT_A_DATE: () => 'Date non valide.',
      DGA_LABORATORY_REQUIRED: () =>
        'Un masque grand public est jugé sur le rapport d’essai de la DGA : le laboratoire doit être la DGA.',
      CE_CERTIFICATE_NUMBER_REQUIRED: () =>
        'Un masque FFP marqué CE doit indiquer le numéro de son certificat CE (examen UE de type).',
      NOTIFIED_BODY_REQUIRED: () =>
        'Un masque FFP marqué CE doit indiquer l’organisme notifié qui a délivré son certificat.',
      TESTED_ON_IN_FUTURE: () => 'La date d’essai ne peut pas être à venir.',
      MEASUREMENT_MISSING: (a) => `La norme ${a.standard} exige cette mesure.`,
      MEASUREMENT_BELOW_MINIMUM: (a, f) =>
        `${f.n(a.value)} : en dessous du minimum de ${f.n(a.min)} exigé par ${a.standard}.`,
      MEASUREMENT_ABOVE_MAXIMUM: (a, f) =>
        `${f.n(a.value)} : au-dessus du maximum de ${f.n(a.max)} fixé par ${a.standard}.`,
      MEASUREMENT_NOT_BELOW_LIMIT: (a, f) =>
        `${f.n(a.value)} : ${a.standard} exige moins de ${f.n(a.limit)}.`,
      DOCUMENT_MISSING: () => 'Joignez le document.',
      DOCUMENT_TOO_LARGE: (a, f) => `Un document fait au plus ${f.n(a.maxMegabytes)} Mo.`,
      DOCUMENT_TYPE_REFUSED: () => 'Seuls les documents PDF, PNG et JPEG sont acceptés.',
      DOCUMENT_TYPE_MISMATCH: (a) =>
        `Ce fichier est en réalité de type ${a.detectedType}, et non ${a.declaredType} comme il l’annonce.`,
      INVALID_CURSOR: () => 'Cette page de la liste n’est plus valable : rechargez la liste.',
      IDEMPOTENCY_KEY_MALFORMED: () => 'Clé d’idempotence non valide : de 8 à 100 lettres, chiffres, _ ou -.',
      ROLE_NOT_GRANTABLE: (a, f) =>
        `Une organisation de ce type ne peut pas attribuer : ${String(a.roles).split(', ').map(f.role).join(', ')}.`,
      UNKNOWN_FILIERE: (a) =>
        a.filiereCode ? `Filière inconnue : « ${a.filiereCode} ».` : 'Filière inconnue.',
      KIND_REGISTERED_BY_OPERATORS: () =>
        'L’administration et les agences régionales de santé sont inscrites par les opérateurs de la plateforme.',
      SUBCONTRACTOR_IS_SELF: () => 'Une organisation ne peut pas être son propre sous-traitant.',
      SIRET_NOT_DIGITS: () => 'Un SIRET ne contient que des chiffres.',
      SIRET_LENGTH: (a) => `Un SIRET compte 14 chiffres (ici ${a.length}).`,
      SIRET_CHECKSUM: () => 'Ce SIRET n’est pas valide (clé de contrôle) : vérifiez chaque chiffre.',
      ACCOUNT_HOLDER_REQUIRED: () => 'Indiquez le nom du titulaire du compte.',
      ACCOUNT_HOLDER_TOO_LONG: (a) =>
        `Le nom du titulaire compte au plus ${a.max} caractères (limite des virements SEPA).`,
      IBAN_REQUIRED: () => 'Indiquez l’IBAN du compte.',
      IBAN_UNKNOWN_COUNTRY: (a) =>
        `Un IBAN commence par le code d’un pays qui émet des IBAN (« ${a.country} » n’en est pas un).`,
      IBAN_LENGTH: (a) => `Un IBAN ${a.country} compte ${a.expected} caractères (ici ${a.length}).`,
      QR_IBAN_REFUSED: () =>
        'Ceci est un QR-IBAN, réservé aux QR-factures : indiquez l’IBAN ordinaire du compte.',
      IBAN_FORMAT: (a) => `Cet IBAN n’a pas le format d’un IBAN ${a.country}.`,
      IBAN_CHECKSUM: () => 'Cet IBAN n’est pas valide (clé de contrôle) : vérifiez chaque caractère.',
      BIC_REQUIRED: () => 'Indiquez le BIC (code SWIFT) de la banque.',
      BIC_FORMAT: () =>
        'Un BIC compte 8 ou 11 caractères : 4 lettres pour la banque, 2 pour le pays, 2 lettres ou chiffres pour la ville, et parfois 3 pour l’agence.',
      BIC_UNKNOWN_COUNTRY: (a) =>
        `Les 5e et 6e caractères d’un BIC désignent un pays (« ${a.country} » n’en est pas un).`,
    } as Record<string, (args: RefusalArgs, f: RefusalFormat) => string>,
  },
  table: {
    empty: 'Aucun résultat.',
    loading: 'Chargement…',
    loadMore: 'Afficher plus',
    exportCsv: 'Exporter (CSV)',
    exportAll: 'Tout exporter (CSV)',
    shown: (shown: number, more: boolean) =>
      `${shown} ligne${shown > 1 ? 's' : ''} affichée${shown > 1 ? 's' : ''}${more ? ' (il y en a d’autres)' : ''}`,
    exporting: (count: number) => `Export en cours : ${count} lignes lues…`,
    sortBy: 'Trier par',
    filters: 'Filtres',
    all: 'Tous',
  },
  actions: {
    save: 'Enregistrer',
    cancel: 'Annuler',
    confirm: 'Confirmer',
    search: 'Rechercher',
    close: 'Fermer',
    download: 'Télécharger',
  },
  categories: {
    FFP1: 'FFP1',
    FFP2: 'FFP2',
    FFP3: 'FFP3',
    SURGICAL_I: 'Chirurgical type I',
    SURGICAL_II: 'Chirurgical type II',
    SURGICAL_IIR: 'Chirurgical type IIR',
    UNS1: 'Grand public UNS1',
    UNS2: 'Grand public UNS2',
  },
  roles: {
    BUYER: 'Acheteur',
    SUPPLIER_MANAGER: 'Responsable des ventes',
    ORG_ADMIN: 'Administrateur',
    FILIERE_REFERENT: 'Référent de filière',
    DGE_OFFICER: 'Agent de la DGE',
    EQUIPMENT_MANAGER: 'Gestionnaire des équipements',
  },
  kinds: {
    BUYER: 'Entreprise acheteuse',
    LARGE_GROUP: 'Grand groupe',
    MANUFACTURER: 'Fabricant',
    IMPORTER: 'Importateur',
    DISTRIBUTOR: 'Distributeur',
    RETAIL_PICKUP_NETWORK: 'Réseau de retrait',
    AUTHORITY: 'Administration',
    HEALTH_ESTABLISHMENT: 'Établissement de santé',
    REGIONAL_HEALTH_AGENCY: 'Agence régionale de santé',
  },
};
