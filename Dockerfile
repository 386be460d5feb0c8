# syntax=docker/dockerfile:1
#
# One image for every deployable: the all-in-one (default CMD) and, via docker-compose.yml's `command`, the
# api, worker and relay. Debian (glibc), not alpine: @temporalio/core-bridge ships glibc binaries only.
# Node 24 LTS: the major version of .node-version (test/infra/nodeVersion.test.ts holds them together).
ARG NODE_IMAGE=node:24-bookworm-slim

# ---------------------------------------------------------------------------------------------------------------
# build: install with dev dependencies, compile TypeScript to dist/, then drop the dev dependencies.
FROM ${NODE_IMAGE} AS build
WORKDIR /app

# better-sqlite3 compiles with node-gyp when its prebuilt binary cannot be downloaded.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*

# package.json's allowScripts (which install scripts may run: better-sqlite3's among them) is read by npm 11.
# Pinned, so the image installs with the same npm as the developers' machines.
RUN npm install -g npm@11.19.1

COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

COPY tsconfig.json tsconfig.build.json ./
COPY contracts ./contracts
COPY services ./services
COPY workflows ./workflows
COPY web ./web
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund \
 && node -e "require('better-sqlite3')(':memory:').close()"

# ---------------------------------------------------------------------------------------------------------------
# runtime: production node_modules and compiled code only, as the unprivileged `node` user of the base image.
FROM ${NODE_IMAGE} AS runtime
# HOST: the API listens on every interface here, so the published port reaches it (outside a container it
# defaults to loopback only).
ENV NODE_ENV=production HOST=0.0.0.0
WORKDIR /app

COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/contracts ./contracts

# Fail the build, not the first start, when a native module does not load on this base image.
# ./data is the all-in-one's default DATA_DIR (SQLite file, embedded Temporal's database), ./data-keys the keys kept
# apart from it (VAULT_KEK_PATH, CHAIN_SIGNING_KEY_PATH): both writable by `node`, the keys by `node` alone.
RUN node -e "require('better-sqlite3')(':memory:').close()" \
 && node -e "require('@temporalio/core-bridge')" \
 && mkdir -p /app/data /app/data-keys \
 && chown node:node /app/data /app/data-keys \
 && chmod 700 /app/data-keys

USER node
EXPOSE 8080

# The all-in-one: embedded Temporal dev server (needs TEMPORAL_CLI_PATH or internet for the SDK's download),
# SQLite event store under /app/data. docker-compose.yml runs the split services instead.
CMD ["node", "dist/services/embedded/main.js"]
