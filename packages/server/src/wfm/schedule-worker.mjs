// Worker-thread entry: register tsx (the server runs TypeScript without a build step), then run the generator.
import { register } from 'tsx/esm/api';

register();
await import('./schedule-worker.ts');
