export * from './order-pipeline.processor';
export * from './invoice.processor';
export * from './withdrawn-offers.subscriber';
