import type { INestApplication } from '@nestjs/common';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { NextFunction, Request, Response } from 'express';
import { CREDENTIAL_VERIFIER, type CredentialVerifier } from '../auth/credentials';
import { Role } from '../auth/roles';
import { QueueRegistry } from '../queues/queue-registry';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/** Mounts the BullMQ dashboard, open to DGE officers only (Bearer access token). */
export function mountQueueDashboard(app: INestApplication): void {
  const credentials = app.get<CredentialVerifier>(CREDENTIAL_VERIFIER);
  const queues = app.get(QueueRegistry);
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({ queues: queues.allQueues().map((queue) => new BullMQAdapter(queue)), serverAdapter });
  const onlyDge = async (req: Request, res: Response, next: NextFunction) => {
    const header = req.headers.authorization;
    try {
      if (!header?.startsWith('Bearer ')) throw new Error('missing token');
      const principal = await credentials.verifyAccessToken(header.slice(7).trim());
      if (!principal.roles.includes(Role.DGE_OFFICER)) {
        res
          .status(403)
          .json({ errors: [{ message: 'DGE officers only', extensions: { code: 'FORBIDDEN' } }] });
        return;
      }
      next();
    } catch {
      res
        .status(401)
        .json({ errors: [{ message: 'Authentication required', extensions: { code: 'UNAUTHENTICATED' } }] });
    }
  };
  app.use(QUEUE_DASHBOARD_PATH, onlyDge, serverAdapter.getRouter());
}
