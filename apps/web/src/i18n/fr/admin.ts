/** Texts of the admin pages. */
export const adminPages = {};
