# syntax=docker/dockerfile:1
# KejiLive silo (co-hosts the web side). Build from the repository root:
#   docker build -f deploy/docker/silo.Dockerfile -t kejilive/silo .
# The build needs Node.js/npm: MSBuild targets run `npm ci` for the pages' browser scripts
# (dashboard/KejiLive.Dashboard/Frontend.targets) and the charts' CJK font (dashboard/KejiLive.Reports/Fonts.targets).

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends nodejs npm \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# The whole tree, not csproj files first: a project added by a later change cannot be missed by a cached restore layer.
COPY . .
RUN --mount=type=cache,id=kejilive-nuget,target=/root/.nuget/packages \
    --mount=type=cache,id=kejilive-npm,target=/root/.npm \
    dotnet publish silo/KejiLive.Silo/KejiLive.Silo.csproj -c Release -o /app -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# curl for the HEALTHCHECK (the runtime image has neither curl nor wget); tzdata for Asia/Shanghai calendar logic.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl tzdata \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app .
# Data:Directory: the data directory lock (and, in the embedded topology, keji.db and audit.db). Mount a volume here.
RUN mkdir -p /var/lib/kejilive && chown "$APP_UID" /var/lib/kejilive
ENV Data__Directory=/var/lib/kejilive \
    DOTNET_NOLOGO=1 \
    ASPNETCORE_HTTP_PORTS=
VOLUME /var/lib/kejilive
# 8080 HTTP (API, pages, /hubs/live, /health), 11111 Orleans silo-to-silo, 30000 Orleans gateway (web nodes).
EXPOSE 8080 11111 30000
# The image's non-root user (app, uid 1654).
USER $APP_UID
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD curl -fsS -o /dev/null http://127.0.0.1:8080/health || exit 1
ENTRYPOINT ["dotnet", "KejiLive.Silo.dll"]
CMD ["--urls", "http://0.0.0.0:8080"]
