export * from './geography';
