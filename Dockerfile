# One image for the web server and the GPU worker (compose.yaml picks the command).
# Build: npm ci, SvelteKit build (adapter-node → build/), drop dev dependencies.
FROM node:20-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build && npm prune --omit=dev

# Runtime: libvulkan1 is the Vulkan loader Dawn needs; the NVIDIA container toolkit adds the GPU driver's ICD.
FROM node:20-bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends libvulkan1 ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 DATA_DIR=/data \
    BODY_SIZE_LIMIT=Infinity
EXPOSE 3000
# scripts/serve.ts wraps build/index.js: security headers on static files too, and a bounded shutdown.
CMD ["node", "--import", "./scripts/register.mjs", "scripts/serve.ts"]
