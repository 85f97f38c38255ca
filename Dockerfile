# One image for both processes of the engine; docker-compose.yml picks one with `command`:
#   api     node dist/apps/api/src/main.js      (the default)
#   worker  node dist/apps/worker/src/main.js
# Configured by the environment only: DATABASE_URL, TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE,
# TEMPORAL_TASK_QUEUE, PORT, ... (libs/config/src/*.config.ts, apps/api/src/api.config.ts).
ARG NODE_IMAGE=node:24.22.3-bookworm-slim

# ---- build: every dependency, compile the TypeScript, then drop the dev dependencies ----------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV SCARF_ANALYTICS=false \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
# tsc keeps the folder layout (dist/apps, dist/libs, dist/workflows) and fails the build on a type error.
RUN npx tsc -p tsconfig.json --outDir dist \
 && node -r ts-node/register/transpile-only tools/web/build.ts --force \
 && test -f apps/web/dist/index.html \
 && test -f dist/apps/api/src/main.js \
 && test -f dist/apps/worker/src/main.js \
 && test -f dist/workflows/index.js \
 && npm prune --omit=dev
# The workflow bundle, built here once instead of at every worker start: dist/workflow-bundle.js and its
# sidecar dist/workflow-bundle.js.sha256 (`sources <hash>`, `bundle <hash>`). It is built by the compiled
# bundler (the same apps/worker/src/workflow-bundle.ts the worker runs) from the compiled sources, with the
# production dependencies only, so its `sources` hash covers exactly what the runtime stage ships: the files of
# dist/workflows and dist/libs/domain, package-lock.json and the @temporalio versions. The worker hashes those
# again when it starts and uses the bundle only if the hashes match (about a second); if anything differs it
# bundles the workflows itself and logs why (`npm run build:workflows` does the same on a checkout, over the
# .ts sources).
RUN node dist/apps/worker/src/build-workflow-bundle.js \
 && test -f dist/workflow-bundle.js \
 && test -f dist/workflow-bundle.js.sha256

# ---- runtime ------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    PORT=3000
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist/apps ./dist/apps
COPY --from=build /app/dist/libs ./dist/libs
COPY --from=build /app/dist/workflows ./dist/workflows
COPY --from=build /app/dist/workflow-bundle.js /app/dist/workflow-bundle.js.sha256 ./dist/
# The web app's build (Vite, above), where the compiled api looks for it: dist/apps/api/src/web → dist/apps/web/dist.
COPY --from=build /app/apps/web/dist ./dist/apps/web/dist
# The compiled code still imports the tsconfig path aliases (`@app/domain`, `@app/config`, ...): tsc does
# not rewrite them. One symlink per library under dist/node_modules/@app lets Node resolve them from
# anywhere below dist/ with no loader (the same mapping as tsconfig.json's "paths": libs/<name>/src).
RUN mkdir -p dist/node_modules/@app \
 && for lib in dist/libs/*/; do \
      name="$(basename "$lib")"; \
      ln -s "../../libs/$name/src" "dist/node_modules/@app/$name"; \
    done
# The worker starts from dist/workflow-bundle.js (built above) when its sidecar matches the shipped sources
# and lockfile; otherwise (a derived image that changed dist/workflows, say) it bundles dist/workflows at
# start-up with webpack and swc from @temporalio/worker's own dependencies and runs that from memory (dist/ is
# not writable by the node user). WORKFLOW_BUNDLE_PATH moves the bundle (same rule, same sidecar).
# The api's writable state (the generated local signing key when no AUTH_SIGNING_KEY or AUTH_JWKS_URL is set).
ENV DATA_DIR=/var/lib/reglife
RUN mkdir -p /var/lib/reglife && chown node:node /var/lib/reglife
USER node
EXPOSE 3000
# No HEALTHCHECK here: the worker runs this image too and serves no HTTP. The api's probes are public
# (no token): GET /health (liveness) and GET /ready (200 once PostgreSQL and Temporal answer, else 503);
# docker-compose.yml's api healthcheck asks /ready.
CMD ["node", "dist/apps/api/src/main.js"]
