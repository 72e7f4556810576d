// rate-limiter-flexible ships RateLimiterStoreAbstract (the base of its own database stores) without exporting it
// from the package root; its types declare the class. This names the file it lives in.
declare module 'rate-limiter-flexible/lib/RateLimiterStoreAbstract.js' {
  import type { RateLimiterStoreAbstract } from 'rate-limiter-flexible';

  const StoreAbstract: typeof RateLimiterStoreAbstract;
  export default StoreAbstract;
}
