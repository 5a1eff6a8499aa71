/** Counters of export requests, shown by `GET /api/zips/stats` so `zips doctor` can tell why spans are missing. */
export class ReceiverStats {
  acceptedRequests = 0;
  failedRequests = 0;
  lastError: { status: number; message: string; at: string } | undefined;

  accepted(): void {
    this.acceptedRequests++;
  }

  /** `status` is the HTTP status (gRPC failures are recorded with their HTTP equivalent). */
  failed(status: number, message: string): void {
    this.failedRequests++;
    this.lastError = { status, message, at: new Date().toISOString() };
  }

  toJSON() {
    return {
      acceptedRequests: this.acceptedRequests,
      failedRequests: this.failedRequests,
      lastError: this.lastError ?? null,
    };
  }
}
