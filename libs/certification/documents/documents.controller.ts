import {
  Body,
  Controller,
  Get,
  Param,
  ParseUUIDPipe,
  Post,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { IsEnum } from 'class-validator';
import type { Response } from 'express';
import { ALL_ROLES, Allow, ApiScope, Ctx, RequestContext, Role } from '@masks/core';
import { FOR_SUPPLIERS } from '@masks/organisations';
import { CertificationDocument } from '../certification.entity';
import { DocumentKind } from '../domain/certification.states';
import { MAX_DOCUMENT_BYTES } from '../domain/document-type';
import { CertificationDocumentsService, type UploadedFile as UploadedDocument } from './documents.service';

class UploadDocumentBody {
  @IsEnum(DocumentKind)
  kind: DocumentKind;
}

function describe(document: CertificationDocument) {
  const { id, certificationId, kind, filename, contentType, sizeBytes, sha256, uploadedAt } = document;
  return { id, certificationId, kind, filename, contentType, sizeBytes, sha256, uploadedAt };
}

/**
 * Multer (busboy) reads a multipart file name as Latin-1, while browsers and fetch send UTF-8 bytes:
 * re-read them as UTF-8 when that is what they are.
 */
function utf8Filename(name: string | undefined): string | undefined {
  if (!name) return name;
  const decoded = Buffer.from(name, 'latin1').toString('utf8');
  return decoded.includes('\uFFFD') ? name : decoded;
}

/** RFC 6266: a plain ASCII name for old clients, the exact UTF-8 name for the others. */
function contentDisposition(filename: string): string {
  const ascii = filename
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/**
 * Documents over plain HTTP (multipart upload, streamed download), under the same global guard as
 * GraphQL: a Bearer token or an x-api-key, and the access rule of each handler. The guard runs
 * before the upload interceptor, so a refused caller's file is never buffered.
 */
@Controller()
export class CertificationDocumentsController {
  constructor(private readonly documents: CertificationDocumentsService) {}

  @Post('certifications/:id/documents')
  @Allow([Role.ORG_ADMIN, Role.SUPPLIER_MANAGER], [ApiScope.CATALOG_WRITE], FOR_SUPPLIERS)
  // Kept in memory (multer's default without a destination); one byte over the limit and multer answers 413.
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_DOCUMENT_BYTES, files: 1, fields: 5 } }))
  async upload(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) certificationId: string,
    @Body() body: UploadDocumentBody,
    @UploadedFile() file: UploadedDocument | undefined,
  ) {
    const named = file && { ...file, originalname: utf8Filename(file.originalname) };
    return describe(await this.documents.upload(ctx, certificationId, body.kind, named));
  }

  /** Its supplier and the DGE; to anyone else the document does not exist. */
  @Get('documents/:id')
  @Allow(ALL_ROLES, [ApiScope.CATALOG_WRITE])
  async download(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Res() res: Response,
  ): Promise<void> {
    const { document, content } = await this.documents.open(ctx, id);
    res.setHeader('content-type', document.contentType);
    res.setHeader('content-length', String(document.sizeBytes));
    res.setHeader('content-disposition', contentDisposition(document.filename));
    res.setHeader('cache-control', 'private, no-store');
    content.pipe(res);
  }
}
