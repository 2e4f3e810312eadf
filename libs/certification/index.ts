export * from './domain/certification.states';
export * from './certification.entity';

import { Certification, CertificationDecision, CertificationDocument } from './certification.entity';

export const certificationEntities = [Certification, CertificationDecision, CertificationDocument];
