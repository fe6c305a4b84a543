// drizzle-kit: `npx drizzle-kit generate` writes SQL migrations into drizzle/ from the schema; the service
// applies them at start-up (src/lib/server/db/client.ts), to PostgreSQL and PGlite alike.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/lib/server/db/schema.ts',
  out: './drizzle'
});
