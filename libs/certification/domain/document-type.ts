/** The files a certification accepts, recognised by their first bytes: a declared type proves nothing. */
export const DOCUMENT_SIGNATURES = [
  { contentType: 'application/pdf', extension: 'pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { contentType: 'image/png', extension: 'png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { contentType: 'image/jpeg', extension: 'jpg', magic: [0xff, 0xd8, 0xff] },
] as const;

export type DocumentContentType = (typeof DOCUMENT_SIGNATURES)[number]['contentType'];

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

export function detectDocumentType(bytes: Uint8Array): DocumentContentType | null {
  const match = DOCUMENT_SIGNATURES.find((signature) =>
    signature.magic.every((byte, i) => bytes[i] === byte),
  );
  return match?.contentType ?? null;
}

/**
 * The client's file name, kept only as a label (never in a storage path): no directories, no control
 * or quote characters, bounded length.
 */
export function displayFilename(original: string | undefined, contentType: DocumentContentType): string {
  const base = (original ?? '').split(/[\\/]/).pop() ?? '';
  const printable = [...base].filter((ch) => ch >= ' ' && ch !== '\u007f' && ch !== '"').join('');
  const cleaned = printable.trim().slice(0, 200);
  if (cleaned && cleaned !== '.' && cleaned !== '..') return cleaned;
  const extension = DOCUMENT_SIGNATURES.find((signature) => signature.contentType === contentType)?.extension;
  return `document.${extension}`;
}
