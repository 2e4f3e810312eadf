/** Texts of the supplier pages. */
export const supplierPages = {};
