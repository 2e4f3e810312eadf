/** Texts of the dge pages. */
export const dgePages = {};
