// @callmine/config — the only reader of process.env, shared by the server and the worker processes.
export { type Config, ConfigError, loadConfig } from './config.ts';
