export { disposable } from './disposable.ts';
export { sharedResource } from './shared-resource.ts';
