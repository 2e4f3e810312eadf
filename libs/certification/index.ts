export * from './domain/certification.states';
export * from './domain/evidence';
export * from './domain/product-validity';
export * from './domain/document-type';
export * from './certification.entity';
export * from './certification.module';
export * from './certifications.service';
export * from './decisions.service';
export * from './certification.processor';
export * from './certification-follow-up';
export * from './product-standing';
export * from './documents/document-storage';
export * from './demo-data';

import { Certification, CertificationDecision, CertificationDocument } from './certification.entity';

export const certificationEntities = [Certification, CertificationDecision, CertificationDocument];
