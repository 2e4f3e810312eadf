import { adminPages } from './admin';
import { buyerPages } from './buyer';
import { common } from './common';
import { dgePages } from './dge';
import { inboxPages } from './inbox';
import { ordersPages } from './orders';
import { publicPages } from './public';
import { supplierPages } from './supplier';

/** The French catalogue: one file per area of the console. */
export const fr = {
  common,
  public: publicPages,
  buyer: buyerPages,
  supplier: supplierPages,
  dge: dgePages,
  admin: adminPages,
  inbox: inboxPages,
  orders: ordersPages,
};
