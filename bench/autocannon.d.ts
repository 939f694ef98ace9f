/**
 * The slice of autocannon's API the benchmark uses (the package ships no types, and adding
 * @types/autocannon would touch the shared manifest for two functions).
 */
declare module 'autocannon' {
  /** Summary statistics autocannon reports for requests/s and latency (ms). */
  export interface Histogram {
    average: number;
    mean: number;
    stddev: number;
    min: number;
    max: number;
    total: number;
    p50: number;
    p90: number;
    p99: number;
  }

  /** A request template; `setupRequest` may rewrite each request before it is sent. */
  export interface RequestTemplate {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    setupRequest?: (request: RequestTemplate) => RequestTemplate;
  }

  /** Options of one autocannon run. */
  export interface Options {
    url: string;
    method?: string;
    headers?: Record<string, string>;
    connections?: number;
    pipelining?: number;
    duration?: number;
    amount?: number;
    /** Sampling interval in ms (default 1000); an `amount` run ends on a sample tick. */
    sampleInt?: number;
    requests?: RequestTemplate[];
  }

  /** What a run measured. */
  export interface Result {
    requests: Histogram;
    latency: Histogram;
    errors: number;
    timeouts: number;
    non2xx: number;
    '2xx': number;
    duration: number;
  }

  /** Runs a load test and resolves with its result. */
  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}
