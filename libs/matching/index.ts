/** The matching engine's public API: other libs import only from '@masks/matching'. */
export * from './domain/types';
export * from './domain/lots';
export * from './domain/candidates';
export * from './domain/ranking';
export * from './domain/allocation';
export * from './domain/allocation-reason';
export * from './domain/shortage';

// Needs, proposals and runs: the engine at the edges (Nest, TypeORM).
export * from './need.entity';
export * from './need.events';
export * from './needs.service';
export * from './matching-runs.service';
export * from './matching.processor';
export * from './needs.module';
export * from './dto/need.inputs';
export * from './shortage.service';

import { MatchingRun, Need, Proposal } from './need.entity';

export const matchingEntities = [Need, MatchingRun, Proposal];
