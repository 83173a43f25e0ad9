import { join, normalize, sep } from 'node:path';
import { APP_HOST } from './security';

/** Maps app://keydeck/<path> to a file under rendererDir; anything outside it is a 404. */
export function resolveAppFile(requestUrl: string, rendererDir: string): string | null {
  const url = new URL(requestUrl);
  if (url.host !== APP_HOST) return null;
  const relative = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
  const file = normalize(join(rendererDir, relative));
  return file.startsWith(rendererDir.endsWith(sep) ? rendererDir : rendererDir + sep) ? file : null;
}
