# Tandem API/worker image. Build: docker build -t tandem .
# Node 24 LTS on Debian slim (trixie today). Nothing here depends on the Debian release: no apt
# packages, and the native modules (argon2, rolldown, lightningcss) are prebuilt for glibc x64/arm64.
FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY web/package.json ./web/
COPY packages/shared/package.json ./packages/shared/
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
# @tandem/shared (schedule rules, roles, …): the server requires its build, the web app bundles it.
COPY packages/shared/tsconfig.json packages/shared/tsconfig.build.json ./packages/shared/
COPY packages/shared/src ./packages/shared/src
COPY src ./src
COPY migrations ./migrations
COPY web ./web
# The web app is static files once built: its packages are dev dependencies, pruned here.
RUN npm run build && npm prune --omit=dev

FROM node:24-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
# node_modules/@tandem/shared links to packages/shared: the server loads its dist/ at run time.
COPY --from=build /app/packages/shared/package.json ./packages/shared/
COPY --from=build /app/packages/shared/dist ./packages/shared/dist
COPY --from=build /app/dist ./dist
COPY --from=build /app/web/dist ./web/dist
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/v1/health').then(r=>process.exit(r.status<500?0:1)).catch(()=>process.exit(1))"
CMD ["node", "dist/src/main.js"]
