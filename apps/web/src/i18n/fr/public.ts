/** Public pages: home, certified suppliers, sign-up, login. */
export const publicPages = {
  home: {
    title: 'Masques de protection pour les entreprises',
    intro:
      'Publiez vos besoins en masques FFP2, chirurgicaux ou grand public, recevez des propositions de fournisseurs certifiés et commandez en quelques clics.',
    seeSuppliers: 'Voir les fournisseurs certifiés',
  },
  login: {
    title: 'Connexion',
    email: 'Adresse e-mail',
    password: 'Mot de passe',
    submit: 'Se connecter',
    noAccount: 'Pas encore de compte ?',
  },
  certifiedSuppliers: {
    title: 'Fournisseurs certifiés',
    intro:
      'Les entreprises dont les masques sont certifiés aujourd’hui, telles que la DGE les publie. Mise à jour en continu.',
    caption: 'Fournisseurs dont au moins un produit est certifié à ce jour',
    category: 'Catégorie de masque',
    region: 'Région de production',
    company: 'Entreprise',
    categories: 'Catégories certifiées',
    sites: 'Sites de production',
    salesContact: 'Contact commercial',
    downloadAll: 'Télécharger la liste complète (CSV)',
    exportFile: 'fournisseurs-certifies.csv',
  },
};
