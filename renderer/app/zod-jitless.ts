// The CSP forbids eval: zod would probe it with new Function() at its first parse (a violation
// report at every start) and then use the code it runs jitless anyway. Imported first.
import { z } from 'zod';

z.config({ jitless: true });
