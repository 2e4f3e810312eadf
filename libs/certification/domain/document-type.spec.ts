import { detectDocumentType, displayFilename } from './document-type';

describe('detectDocumentType', () => {
  it.each([
    ['%PDF-1.7\n', 'application/pdf'],
    ['\x89PNG\r\n\x1a\n....', 'image/png'],
    ['\xff\xd8\xff\xe0JFIF', 'image/jpeg'],
  ])('recognises %j', (head, type) => {
    expect(detectDocumentType(Buffer.from(head, 'latin1'))).toBe(type);
  });

  it('refuses anything else, whatever it claims to be', () => {
    expect(detectDocumentType(Buffer.from('<html><script>'))).toBeNull();
    expect(detectDocumentType(Buffer.from('MZ\x90\x00', 'latin1'))).toBeNull();
    expect(detectDocumentType(Buffer.alloc(0))).toBeNull();
  });
});

describe('displayFilename', () => {
  it('keeps the base name only, without control characters or quotes', () => {
    expect(displayFilename('../../etc/passwd', 'application/pdf')).toBe('passwd');
    expect(displayFilename('C:\\rapports\\essai "DGA".pdf', 'application/pdf')).toBe('essai DGA.pdf');
    expect(displayFilename('a\r\nb.png', 'image/png')).toBe('ab.png');
  });

  it('names a nameless file after its type', () => {
    expect(displayFilename(undefined, 'image/jpeg')).toBe('document.jpg');
    expect(displayFilename('..', 'application/pdf')).toBe('document.pdf');
  });
});
