// Jest setup file of the `e2e-pg-queue` project: apps under test use BullMQ's PostgreSQL backend.
process.env.TEST_QUEUE_BACKEND = 'postgres';
