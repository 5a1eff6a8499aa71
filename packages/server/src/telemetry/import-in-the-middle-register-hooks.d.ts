// import-in-the-middle ships no types for its in-thread (`module.registerHooks`) entry point.
declare module 'import-in-the-middle/register-hooks.mjs' {
  /** Options of the in-thread loader hook. */
  export interface RegisterHooksOptions {
    /** Only these modules are wrapped; all of them when absent. */
    include?: (string | RegExp)[];
    /** These modules are never wrapped. */
    exclude?: (string | RegExp)[];
  }
  /** Registers the loader hook in-thread with `module.registerHooks`. Throws where node cannot run it. */
  export function register(options?: RegisterHooksOptions): void;
  /** True when this node's `module.registerHooks` can run the hook. */
  export function supportsSyncHooks(): boolean;
}
