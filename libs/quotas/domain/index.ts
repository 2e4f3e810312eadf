export * from './paris-time';
export * from './period';
export * from './scheme';
export * from './consumption';
export * from './eligibility';
