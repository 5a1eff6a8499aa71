/** The generated stack definition: compose file, collector configuration and Tiltfile. */
export { APP_DIR_IN_IMAGE, DEFAULT_BASE_IMAGE, JAEGER_IMAGE, JAEGER_VERSION, ZIPS_IMAGE } from './images.js';
export { COLLECTOR_CONFIG_FILE, COMPOSE_FILE, renderStackFiles, TILTFILE } from './render-stack-files.js';
export { LIVE_UPDATE_SYNC_PATHS, TILT_BUILD_CONTEXT, TILT_BUILD_TARGET } from './render-tiltfile.js';
export { checkStackFiles, REGENERATE_COMMAND, writeStackFiles } from './stack-files-io.js';
export {
  DEFAULT_PORTS,
  type Drift,
  defaultStackOptions,
  type GeneratedFile,
  type StackLayout,
  type StackOptions,
  type StackPorts,
} from './stack-options.js';
