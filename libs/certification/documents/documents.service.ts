import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BadInputError, NotFoundError, RequestContext, audit } from '@masks/core';
import { Certification, CertificationDocument } from '../certification.entity';
import type { DocumentKind } from '../domain/certification.states';
import { detectDocumentType, displayFilename, MAX_DOCUMENT_BYTES } from '../domain/document-type';
import { DocumentStorage } from './document-storage';

export interface UploadedFile {
  originalname?: string;
  mimetype?: string;
  buffer: Buffer;
  size: number;
}

/** Files attached to a certification: uploaded by its supplier, read by it and by the DGE. */
@Injectable()
export class CertificationDocumentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly storage: DocumentStorage,
  ) {}

  async upload(
    ctx: RequestContext,
    certificationId: string,
    kind: DocumentKind,
    file: UploadedFile | undefined,
  ): Promise<CertificationDocument> {
    if (!file?.buffer?.length)
      throw new BadInputError('Attach the document as the "file" field', {
        field: 'file',
        reason: 'DOCUMENT_MISSING',
      });
    if (file.size > MAX_DOCUMENT_BYTES)
      throw new BadInputError('Documents are limited to 10 MB', {
        field: 'file',
        reason: 'DOCUMENT_TOO_LARGE',
        args: { maxMegabytes: MAX_DOCUMENT_BYTES / 1024 / 1024 },
      });
    const contentType = detectDocumentType(file.buffer);
    if (!contentType)
      throw new BadInputError('Only PDF, PNG and JPEG documents are accepted', {
        field: 'file',
        reason: 'DOCUMENT_TYPE_REFUSED',
      });
    if (file.mimetype && file.mimetype !== 'application/octet-stream' && file.mimetype !== contentType) {
      throw new BadInputError(`The file is a ${contentType}, not the ${file.mimetype} it claims to be`, {
        field: 'file',
        reason: 'DOCUMENT_TYPE_MISMATCH',
        args: { detectedType: contentType, declaredType: file.mimetype },
      });
    }
    const certification = await this.dataSource
      .getRepository(Certification)
      .findOneBy({ id: certificationId, supplierId: ctx.organisationId });
    if (!certification) throw new NotFoundError('Certification', certificationId);
    const sha256 = createHash('sha256').update(file.buffer).digest('hex');
    // Bytes first: if the row then fails, an unreferenced content-addressed file is all that is left.
    const storageKey = await this.storage.put(sha256, file.buffer);
    return this.dataSource.transaction(async (manager) => {
      const document = await manager.save(
        manager.create(CertificationDocument, {
          certificationId,
          supplierId: certification.supplierId,
          kind,
          filename: displayFilename(file.originalname, contentType),
          contentType,
          sizeBytes: file.buffer.length,
          sha256,
          storageKey,
          uploadedByUserId: ctx.userId ?? null,
        }),
      );
      await audit(manager, ctx, {
        action: 'certification.document-uploaded',
        entityType: 'certification',
        entityId: certificationId,
        organisationId: certification.supplierId,
        after: {
          documentId: document.id,
          kind,
          filename: document.filename,
          contentType,
          sizeBytes: document.sizeBytes,
          sha256,
        },
      });
      return document;
    });
  }

  async open(
    ctx: RequestContext,
    documentId: string,
  ): Promise<{ document: CertificationDocument; content: Readable }> {
    const document = await this.dataSource.getRepository(CertificationDocument).findOneBy({ id: documentId });
    if (!document || (!ctx.isDge && document.supplierId !== ctx.organisationId))
      throw new NotFoundError('Document', documentId);
    return { document, content: await this.storage.open(document.storageKey) };
  }
}
