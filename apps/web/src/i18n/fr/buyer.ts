/** Texts of the buyer pages. */
export const buyerPages = {};
