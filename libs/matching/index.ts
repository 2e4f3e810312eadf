/** The matching engine's public API: other libs import only from '@masks/matching'. */
export * from './domain/types';
export * from './domain/lots';
export * from './domain/departments';
export * from './domain/candidates';
export * from './domain/ranking';
export * from './domain/allocation';
