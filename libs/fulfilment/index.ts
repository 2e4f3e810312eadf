export * from './order-pipeline.processor';
export * from './invoice.processor';
export * from './order-risk.follow-up';
