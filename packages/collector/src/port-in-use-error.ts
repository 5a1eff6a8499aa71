/** A port the collector must listen on is taken by another process. */
export class PortInUseError extends Error {
  readonly port: number;
  readonly host: string;
  readonly purpose: string;

  constructor(host: string, port: number, purpose: string, cause?: unknown) {
    super(
      `port ${port} (${purpose}) on ${host} is already in use; stop the process using it or choose another port`,
      { cause },
    );
    this.name = 'PortInUseError';
    this.port = port;
    this.host = host;
    this.purpose = purpose;
  }
}
