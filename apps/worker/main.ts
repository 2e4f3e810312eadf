import 'reflect-metadata';
import { loadConfig } from '@masks/core';
import { createWorker } from './bootstrap';

async function main(): Promise<void> {
  loadConfig();
  await createWorker();
  console.error('Worker started');
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
