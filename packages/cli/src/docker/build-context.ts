/**
 * The build context sent to the engine, packed like the docker CLI does it: `.dockerignore` applies, but the
 * Dockerfile and `.dockerignore` themselves are always sent (dockerode's own packing drops an ignored Dockerfile,
 * and zips' .dockerignore is an allow-list).
 */
import { readFile } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';

export async function packBuildContext(dir: string, dockerfile = 'Dockerfile'): Promise<Readable> {
  const [ignoreModule, tar] = await Promise.all([import('@balena/dockerignore'), import('tar-fs')]);
  // CommonJS seen through ESM: the typings describe the factory as an ES default export of the module object.
  const dockerignore = ignoreModule.default as unknown as CreateIgnore;
  const rules = await readFile(`${dir}/.dockerignore`, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
  const ignore = dockerignore({ ignorecase: false }).add(rules);
  const always = new Set([dockerfile, '.dockerignore']);
  // Like the docker CLI, descend into an excluded directory when an exception (`!dir/sub/`) lies inside it.
  const exceptions = rules
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('!'))
    .map((line) => line.slice(1).replace(/^\//, ''));
  return tar
    .pack(dir, {
      ignore: (name) => {
        const path = relative(dir, name).split(sep).join('/');
        if (path === '' || always.has(path) || !ignore.ignores(path)) return false;
        return !exceptions.some((exception) => exception.startsWith(`${path}/`));
      },
    })
    .pipe(createGzip());
}

type CreateIgnore = (options: { ignorecase: boolean }) => {
  add(rules: string): { ignores(path: string): boolean };
};
