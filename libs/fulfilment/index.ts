export * from './order-pipeline.processor';
export * from './invoice.processor';
