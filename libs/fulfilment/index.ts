export * from './order-pipeline.processor';
