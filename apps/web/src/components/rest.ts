import { t } from '../i18n';
import { tokens } from '../session/token-store';
import { download } from './csv';

/** A REST call refused by the API: its typed code, in plain French. */
export class RestError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The access token to send, refreshed first when it is about to expire (as the GraphQL client does). */
async function bearer(): Promise<string> {
  const token = tokens.stale ? await tokens.refresh() : tokens.current;
  if (!token) throw new RestError('UNAUTHENTICATED', t.common.errors.UNAUTHENTICATED);
  return `Bearer ${token}`;
}

/** The API answers REST errors as GraphQL does: `{ errors: [{ message, extensions: { code } }] }`. */
function restError(status: number, body: string): RestError {
  let code =
    status === 413 ? 'PAYLOAD_TOO_LARGE' : status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_USER_INPUT';
  let message = '';
  try {
    const parsed = JSON.parse(body) as { errors?: { message?: string; extensions?: { code?: string } }[] };
    code = parsed.errors?.[0]?.extensions?.code ?? code;
    message = parsed.errors?.[0]?.message ?? '';
  } catch {
    // Not JSON (a proxy's page): the status says enough.
  }
  const known = (t.common.errors as Record<string, unknown>)[code];
  return new RestError(code, typeof known === 'string' ? known : message || code);
}

/** Downloads a file the API serves to signed-in callers only (a link cannot carry the Bearer token). */
export async function downloadWithToken(url: string, filename: string): Promise<void> {
  const response = await fetch(url, { headers: { authorization: await bearer() } }).catch(() => {
    throw new RestError('NETWORK', t.common.errors.NETWORK);
  });
  if (!response.ok) throw restError(response.status, await response.text());
  download(
    filename,
    await response.blob(),
    response.headers.get('content-type') ?? 'application/octet-stream',
  );
}

/**
 * Posts a multipart form with the Bearer token, reporting the upload's progress (0–100): fetch cannot
 * observe an upload, XMLHttpRequest can. Resolves with the parsed JSON answer.
 */
export async function uploadWithProgress<Result>(
  url: string,
  form: FormData,
  onProgress: (percent: number) => void,
): Promise<Result> {
  const authorization = await bearer();
  return new Promise<Result>((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', url);
    request.setRequestHeader('authorization', authorization);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    request.onload = () => {
      if (request.status >= 200 && request.status < 300) resolve(JSON.parse(request.responseText) as Result);
      else reject(restError(request.status, request.responseText));
    };
    request.onerror = () => reject(new RestError('NETWORK', t.common.errors.NETWORK));
    request.send(form);
  });
}
