// shared/ runs in Node and in the browser: it may use only what both provide. TypeScript's
// ES lib lacks URL, so the common subset is declared here (the other projects exclude this file).
declare class URL {
  constructor(input: string, base?: string);
  readonly protocol: string;
  readonly hostname: string;
  readonly username: string;
  readonly password: string;
  readonly search: string;
  readonly hash: string;
  readonly origin: string;
  readonly pathname: string;
}
