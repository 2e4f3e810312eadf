import { common } from './common';
import { publicPages } from './public';

/** The French catalogue: one file per area of the console. */
export const fr = { common, public: publicPages };
