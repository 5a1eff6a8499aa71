export { type Dataset, DatasetLoadError, loadDataset } from './dataset/load-dataset.js';
export { type ZipFilter, ZipIndex } from './dataset/zip-index.js';
export { type AppDeps, createApp } from './http/create-app.js';
export type { Problem } from './http/error-middleware.js';
export { defaultDataFile, defaultTemplatesDir } from './paths.js';
export {
  type ServerNodeArgsOptions,
  serverMainScript,
  serverNodeArgs,
  serverNodeFlags,
  serverRegisterScript,
} from './server-command.js';
export { ZipsAttributes, ZipsSpans } from './tracing/attributes.js';
export type { DatasetFile, DatasetSource, DuplicateResolution, ZipRecord } from './types.js';
