import 'reflect-metadata';
import { createReferenceApp } from './reference-app';
import { serveInChild } from './serve';

serveInChild(createReferenceApp);
