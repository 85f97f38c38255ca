/**
 * The web app's initial JavaScript, gzipped: the entry script and the modules index.html preloads (what the browser
 * fetches before the first page renders; every page is a lazy chunk). `npm run web:size` after a build; the issue's
 * budget is 250 KB.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { WEB_DIST_DIR } from './build';

export const INITIAL_JS_BUDGET_BYTES = 250 * 1024;

export function initialJavaScript(dir = WEB_DIST_DIR): { files: { file: string; gzipBytes: number }[]; gzipBytes: number } {
  const index = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  const scripts = [...index.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\/([^"]+\.js)"/g)].map((match) => match[1]);
  const files = scripts.map((file) => ({ file, gzipBytes: gzipSync(fs.readFileSync(path.join(dir, file)), { level: 9 }).length }));
  return { files, gzipBytes: files.reduce((sum, file) => sum + file.gzipBytes, 0) };
}

if (require.main === module) {
  const { files, gzipBytes } = initialJavaScript();
  for (const file of files) console.log(`${(file.gzipBytes / 1024).toFixed(1).padStart(8)} KB  ${file.file}`);
  console.log(`${(gzipBytes / 1024).toFixed(1).padStart(8)} KB  initial JavaScript, gzipped (budget ${INITIAL_JS_BUDGET_BYTES / 1024} KB)`);
  if (gzipBytes > INITIAL_JS_BUDGET_BYTES) process.exit(1);
}
