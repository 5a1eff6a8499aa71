/** The part of tar-fs 2.x that zips uses (the package ships no types). */
declare module 'tar-fs' {
  import type { Readable } from 'node:stream';
  export interface PackOptions {
    /** Return true to leave a path (absolute) out of the archive; a left-out directory is not descended. */
    ignore?: (name: string) => boolean;
  }
  export function pack(dir: string, options?: PackOptions): Readable;
}
