import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { listenApi, resolveDatabase, resolveRedis, runMigrations } from '@masks/core';
import { CatalogDemoData } from '@masks/catalog';
import { CertificationDemoData } from '@masks/certification';
import { DEMO_PASSWORD, OrganisationsDemoData } from '@masks/organisations';
import { ALL_ENTITIES } from '../apps/common/entities';
import { createApiApp } from '../apps/api/bootstrap';
import { createWorker } from '../apps/worker/bootstrap';
import { launchChromium } from './chromium';

/** One screenshot per role: who logs in (none: the public) and the page that shows their work. */
const SHOTS: { file: string; login?: string; path: string; heading: string }[] = [
  { file: 'public.png', path: '/fournisseurs-certifies', heading: 'Fournisseurs certifiés' },
  {
    file: 'buyer.png',
    login: 'achats@pme-decolletage.test',
    path: '/achats/offres',
    heading: 'Rechercher des offres',
  },
  {
    file: 'supplier.png',
    login: 'ventes@textiles-vosges.test',
    path: '/ventes/offres',
    heading: 'Offres et stock',
  },
  {
    file: 'dge.png',
    login: 'agent.dge@demo.masques.test',
    path: '/dge/suivi',
    heading: 'Suivi des capacités',
  },
  {
    file: 'admin.png',
    login: 'achats@pme-decolletage.test',
    path: '/organisation/membres',
    heading: 'Membres et invitations',
  },
];

/**
 * `npm run screenshots`: the README's pictures of the console, made from the real app with the demo
 * data in a database of their own (`masks_screenshots`: embedded PostgreSQL unless DATABASE_URL).
 */
async function main(): Promise<void> {
  const root = join(__dirname, '../..');
  const database = await resolveDatabase(join(root, '.data/postgres'), 'masks_screenshots');
  const redis = await resolveRedis();
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    QUEUE_BACKEND: redis.url ? 'redis' : 'postgres',
    QUEUE_PREFIX: 'masks_screenshots',
    WEB_DIR: join(root, 'dist/web'),
    WORKER_METRICS_PORT: '0',
    LOG_LEVEL: 'warn',
  });
  if (redis.url) process.env.REDIS_URL = redis.url;
  await runMigrations(database.url, ALL_ENTITIES);
  const worker = await createWorker({ shutdownHooks: false });
  const api = await createApiApp({ shutdownHooks: false });
  await api.get(OrganisationsDemoData).load();
  const products = await api.get(CatalogDemoData).load();
  if (products) await api.get(CertificationDemoData).load(products);
  const url = `http://127.0.0.1:${await listenApi(api, 0, '127.0.0.1')}`;
  const out = join(root, 'docs/screenshots');
  mkdirSync(out, { recursive: true });
  const browser = await launchChromium();
  try {
    for (const shot of SHOTS) {
      const context = await browser.newContext({
        baseURL: url,
        locale: 'fr-FR',
        viewport: { width: 1280, height: 800 },
      });
      const page = await context.newPage();
      if (shot.login) {
        await page.goto('/connexion');
        await page.getByLabel('Adresse e-mail').fill(shot.login);
        await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
        await page.getByRole('button', { name: 'Se connecter' }).click();
        await page.getByRole('button', { name: 'Mon compte' }).waitFor();
      }
      await page.goto(shot.path);
      await page.getByRole('heading', { level: 1, name: shot.heading }).waitFor();
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: join(out, shot.file) });
      console.log(`docs/screenshots/${shot.file}: ${shot.path}`);
      await context.close();
    }
  } finally {
    await browser.close();
    await api.close();
    await worker.close();
    await redis.stop();
    await database.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
