# syntax=docker/dockerfile:1
# One image for the console, the workers (every role) and the migration job; the command picks
# which (docker-compose.yml). Multi-stage: dependencies and the Next.js build happen in throw-away
# stages; the runtime stage holds production dependencies and the build, and runs as a non-root user.

ARG NODE_IMAGE=node:22.18.0-bookworm-slim

# --- dependencies (with dev tools: the build needs TypeScript, Tailwind and Prisma's generator)
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
COPY package.json package-lock.json ./
# `postinstall` generates the Prisma client from the schema.
COPY prisma/schema.prisma prisma/schema.prisma
COPY scripts/prisma-generate.mjs scripts/prisma-generate.mjs
RUN npm ci --no-audit --no-fund

# --- build: the console (next build), then drop dev dependencies
FROM deps AS build
COPY . .
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# --- runtime
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 RECOURSE_PROFILE=production RECOURSE_DATA_DIR=/data \
    RECOURSE_WORKER_HEALTH_HOST=0.0.0.0 RECOURSE_WORKER_HEALTH_PORT=9464
# tsx runs the workers and the CLI from source (it is a production dependency); the console runs
# from the .next build.
COPY --from=build --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/.next ./.next
COPY --from=build --chown=root:root /app/package.json /app/next.config.ts /app/tsconfig.json /app/postcss.config.mjs ./
COPY --from=build --chown=root:root /app/app ./app
COPY --from=build --chown=root:root /app/lib ./lib
COPY --from=build --chown=root:root /app/workflows ./workflows
COPY --from=build --chown=root:root /app/workers ./workers
COPY --from=build --chown=root:root /app/cli ./cli
COPY --from=build --chown=root:root /app/prisma ./prisma
COPY --from=build --chown=root:root /app/sim ./sim
COPY --from=build --chown=root:root /app/engine ./engine
COPY --chown=root:root docker/entrypoint.sh /usr/local/bin/recourse-entrypoint
# The code is root-owned and read-only to the process; only the data folder (first-admin file) and
# Next's cache are writable, by the unprivileged `node` user (uid 1000) the base image provides.
RUN chmod 0755 /usr/local/bin/recourse-entrypoint \
 && mkdir -p /data /app/.next/cache && chown node:node /data /app/.next/cache
USER node
EXPOSE 3000 9464
ENTRYPOINT ["/usr/local/bin/recourse-entrypoint"]
CMD ["node", "node_modules/next/dist/bin/next", "start", "--hostname", "0.0.0.0", "--port", "3000"]
