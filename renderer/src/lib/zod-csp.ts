import { z } from 'zod';

// zod compiles fast parsers with `new Function` unless told not to. Under our CSP
// (script-src 'self', no 'unsafe-eval') even its guarded probe is reported as a violation,
// so the renderer runs zod in its interpreted mode. Imported first, before any schema parses.
z.config({ jitless: true });
