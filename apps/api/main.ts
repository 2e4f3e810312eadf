import 'reflect-metadata';
import { listenApi, loadConfig } from '@masks/core';
import { createApiApp } from './bootstrap';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApiApp();
  await listenApi(app, config.port, '0.0.0.0');
  console.error(`GraphQL API on http://localhost:${config.port}/graphql`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
