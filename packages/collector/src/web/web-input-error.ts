/** A bad value in a web view request: answered with a 400 page naming the parameter, the value and the fix. */
export class WebInputError extends Error {
  readonly param: string;
  readonly problem: string;
  readonly fix: string;

  constructor(param: string, problem: string, fix: string) {
    super(`${param}: ${problem}`);
    this.name = 'WebInputError';
    this.param = param;
    this.problem = problem;
    this.fix = fix;
  }
}
