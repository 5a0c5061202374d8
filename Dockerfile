# syntax=docker/dockerfile:1
# One image for every role; docker-compose.yml runs it as ROLE=api and ROLE=worker.

# ---- build: all dependencies, compile, then drop the dev ones ----
FROM node:24-bookworm-slim AS build
# better-sqlite3 falls back to a node-gyp build when no prebuilt binary matches.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json nest-cli.json ./
COPY src ./src
COPY web ./web
# The farm app (web/dist) is built here too; the runtime image serves it at /app/.
RUN npx nest build \
 && npx vite build --config web/vite.config.ts \
 && npm prune --omit=dev --no-audit --no-fund

# ---- runtime: compiled code and production dependencies only ----
FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATABASE_URL=/app/data/nongsan.sqlite
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --from=build --chown=node:node /app/web/dist ./web/dist
RUN mkdir -p /app/data/storage && chown -R node:node /app/data
USER node
EXPOSE 3000
# main.ts applies pending migrations (once, under a lock) and then starts the ROLE given (api | worker | all).
CMD ["node", "dist/main.js"]
