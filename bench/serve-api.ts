import 'reflect-metadata';
import { createApiApp } from '../apps/api/bootstrap';
import { serveInChild } from './serve';

serveInChild(() => createApiApp({ shutdownHooks: false }));
